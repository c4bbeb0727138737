using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// Reads the «Подразделения» and «Сотрудники» sheets of a workbook. The archive is measured by actually
/// unpacking it first (a zip bomb declares small sizes), and a cell holding a formula is read as its formula
/// («=HYPERLINK(…)»), which validation refuses, never as the value Excel cached for it.
/// </summary>
internal static class XlsxStructureReader
{
    /// <summary>What the unpacked workbook may weigh: a 2 MB file of text unpacks to a few times that.</summary>
    internal const long MaxUnpackedBytes = 40L * 1024 * 1024;
    private const int MaxEntries = 500;

    public static StructureFile Read(string fileName, byte[] content)
    {
        CheckArchive(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxUnpackedBytes / 2 });
            var workbook = document.WorkbookPart ?? throw NotAWorkbook();
            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToArray() ?? [];
            var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
            var budget = StructureFileReader.MaxRows;
            ImportTable? departments = null, people = null;
            foreach (var sheet in sheets)
            {
                var kind = KindOf(sheet.Name?.Value);
                if (kind is null || sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
                var table = ImportTableBuilder.Build(kind.Value, RowsOf(part, strings), ref budget);
                if (kind == ImportSheet.Departments) departments ??= table;
                else people ??= table;
            }
            if (departments is null && people is null)
                throw new ImportFileException(
                    $"В книге нет листов «{ImportSheet.Departments.Russian()}» и «{ImportSheet.People.Russian()}». Возьмите за основу шаблон.");
            return new StructureFile(fileName, departments, people);
        }
        catch (ImportFileException) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
                                      or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ImportFileException("Файл Excel повреждён или не является книгой .xlsx. Откройте его в Excel и сохраните заново.");
        }
    }

    private static ImportFileException NotAWorkbook() => new("Файл не является книгой Excel (.xlsx).");

    private static ImportSheet? KindOf(string? name) => StructureColumns.Normalize(name ?? "") switch
    {
        "подразделения" => ImportSheet.Departments,
        "сотрудники" => ImportSheet.People,
        _ => null,
    };

    /// <summary>Unpacks every entry into nowhere, counting: refuses archives that grow past the limit, whatever they declare.</summary>
    private static void CheckArchive(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw TooBig();
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var data = entry.Open();
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                    if ((total += read) > MaxUnpackedBytes) throw TooBig();
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("Файл Excel повреждён: архив .xlsx не читается. Откройте его в Excel и сохраните заново.");
        }
    }

    private static ImportFileException TooBig() =>
        new("Книга Excel слишком велика в распакованном виде. Оставьте в ней только листы «Подразделения» и «Сотрудники».");

    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> RowsOf(WorksheetPart part, string[] strings)
    {
        var data = part.Worksheet?.GetFirstChild<SheetData>();
        if (data is null) yield break;
        var previous = 0;
        foreach (var row in data.Elements<Row>())
        {
            var number = row.RowIndex?.Value is { } index ? (int)index : previous + 1;
            previous = number;
            var cells = new List<string>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnOf(cell.CellReference?.Value) ?? next;
                if (column > 1000) break;
                while (cells.Count < column) cells.Add("");
                if (cells.Count == column) cells.Add(ValueOf(cell, strings));
                else cells[column] = ValueOf(cell, strings);
                next = column + 1;
            }
            yield return (number, cells);
        }
    }

    /// <summary>"C12" → 2; null when the reference is absent or unreadable (then cells follow one another).</summary>
    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (++letters > 3) return null;
        }
        return letters == 0 ? null : column - 1;
    }

    private static string ValueOf(Cell cell, string[] strings)
    {
        if (cell.CellFormula is { } formula) return "=" + formula.Text;
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < strings.Length ? strings[i] : "";
        if (type == CellValues.InlineString)
            return cell.InlineString is { } inline ? TextOf(inline) : "";
        if (type == CellValues.Boolean) return raw == "1" ? "ИСТИНА" : "ЛОЖЬ";
        return raw;
    }

    /// <summary>A rich-text string's visible text: its runs, without the phonetic guides.</summary>
    private static string TextOf(OpenXmlCompositeElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain) return plain.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));
    }
}
