using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// The workbook an administrator fills in: the two sheets with their headers and one example row each, built on the
/// fly so that it always matches what <see cref="StructureFileReader"/> reads.
/// </summary>
public static class StructureTemplate
{
    public const string FileName = "Шаблон импорта структуры.xlsx";

    public static byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddSheet(workbook, 1, ImportSheet.Departments.Russian(), StructureColumns.DepartmentHeaders,
                ["Отдел благоустройства", "Благоустройство", "Управление жилищно-коммунального хозяйства", "deputy2"]);
            AddSheet(workbook, 2, ImportSheet.People.Russian(), StructureColumns.PeopleHeaders,
                ["ivanova.ap", "Иванова Анна Петровна", "Главный специалист", "ivanova.ap@example.ru", "Отдел благоустройства", Role.Employee.Russian(), ""]);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, uint id, string name, IReadOnlyList<string> headers, IReadOnlyList<string> example)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(headers.Select((_, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = 32, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, new SheetData(RowOf(1, headers), RowOf(2, example)));
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    internal static Row RowOf(uint number, IEnumerable<string> values) =>
        new(values.Select((v, i) => new Cell
        {
            CellReference = $"{(char)('A' + i)}{number}",
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(v) { Space = SpaceProcessingModeValues.Preserve }),
        })) { RowIndex = number };
}
