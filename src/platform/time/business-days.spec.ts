import { jest } from '@jest/globals';
import { addBusinessDays, holidayNames, isBusinessDay } from './business-days.js';

describe('Korean business days', () => {
  it('skips weekends, Chuseok and substitute holidays from the official calendar', () => {
    expect(addBusinessDays('2026-09-23', 5)).toBe('2026-10-02'); // Chuseok 24-26 September
    expect(addBusinessDays('2026-11-02', 5)).toBe('2026-11-09'); // an ordinary week
    expect(addBusinessDays('2026-09-30', 5)).toBe('2026-10-08'); // 3 Oct (Sat), its substitute 5 Oct
    expect(addBusinessDays('2026-06-01', 2)).toBe('2026-06-04'); // local elections on 3 June
    expect(isBusinessDay('2026-10-05')).toBe(false);
    expect(holidayNames('2026-10-05')).toEqual(['대체공휴일(개천절)']);
    expect(isBusinessDay('2026-10-06')).toBe(true);
  });

  it('keeps the fixed solar holidays in a year the calendar does not know yet', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(isBusinessDay('2031-12-25')).toBe(false);
    expect(isBusinessDay('2031-12-26')).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
