import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule, {
    cors: { origin: ['https://app.example.com', 'http://app.example.com'], credentials: true }, // expect: insecure-scheme-trusted
  });
  await app.listen(3000);
}
bootstrap();
