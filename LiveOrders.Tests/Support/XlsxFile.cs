using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveOrders.Tests.Support;

/// <summary>
/// Workbooks made in a test, cell by cell, the ways Excel and other tools write them: shared strings (Excel's
/// own), inline strings (many exporters), numbers, formulas and gaps. A value starting with «#» is written as a
/// number («#12345»), one starting with «ƒ» as a formula («ƒHYPERLINK(…)») with a harmless cached value.
/// </summary>
public static class XlsxFile
{
    public static byte[] Build(params (string Sheet, string[][] Rows)[] sheets) => Build(sharedStrings: true, sheets);

    public static byte[] Build(bool sharedStrings, params (string Sheet, string[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = new List<string>();
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var value = rows[r][c];
                        if (value.Length == 0) continue; // a gap: the next cell's reference says where it is
                        row.Append(CellOf($"{(char)('A' + c)}{r + 1}", value, sharedStrings ? strings : null));
                    }
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
            }
            if (strings.Count > 0)
            {
                var table = workbook.AddNewPart<SharedStringTablePart>();
                table.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell CellOf(string reference, string value, List<string>? strings)
    {
        if (value.StartsWith('#')) return new Cell { CellReference = reference, CellValue = new CellValue(value[1..]) };
        if (value.StartsWith('ƒ'))
            return new Cell { CellReference = reference, CellFormula = new CellFormula(value[1..]), DataType = CellValues.String, CellValue = new CellValue("Безобидно") };
        if (strings is null)
            return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };
        strings.Add(value);
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.Count - 1).ToString()) };
    }

    public static readonly string[] DepartmentHeader = ["Название", "Краткое название", "Вышестоящее подразделение", "Куратор (логин)"];
    public static readonly string[] PeopleHeader = ["Логин", "ФИО", "Должность", "E-mail", "Подразделение", "Роль", "Курирует"];
}
