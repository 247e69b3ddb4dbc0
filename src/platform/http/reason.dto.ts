import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** `{ reason }` where a person must say why (a refund, a delisting, an override). */
export class RequiredReasonDto {
  @ApiProperty({ example: '협약 기간 내 구매 완료' })
  @IsString()
  @MinLength(1, { message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}
