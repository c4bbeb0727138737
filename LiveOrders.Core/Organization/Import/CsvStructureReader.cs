using System.Text;
using CsvHelper;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// Reads one table from a CSV file: people when the header has «Логин», departments when it has «Название».
/// The separator is whichever of «;», «,» or a tab the header uses most (Russian Excel saves «;»); the text is
/// UTF-8 (with or without a BOM), or Windows-1251 when it is not valid UTF-8 (older Excel's «CSV»).
/// </summary>
internal static class CsvStructureReader
{
    static CsvStructureReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static StructureFile Read(string fileName, byte[] content)
    {
        var text = Decode(content);
        if (text.Contains('\0')) throw new ImportFileException("Файл не похож на CSV: в нём двоичные данные. Загрузите .xlsx или .csv.");
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = new[] { ';', ',', '\t' }.OrderByDescending(d => firstLine.Count(c => c == d)).First();
        var sheet = KindOf(firstLine, delimiter);
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            // A stray quote inside a field («=HYPERLINK("…")» typed as text) is kept as text, as Excel would show it:
            // the row is then checked like any other, instead of the whole file being refused.
            MalformedData = CsvMalformedDataHandling.Recover,
            MaxRecordSize = 64 * 1024,
            // Blank lines keep their numbers, so a row number in a message is the one Excel shows.
            SkipEmptyLines = false,
        };
        var rows = new List<(int, IReadOnlyList<string>)>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                if (rows.Count > StructureFileReader.MaxRows + 1)
                    throw new ImportFileException($"В файле больше {StructureFileReader.MaxRows} строк. Разделите его на несколько файлов.");
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i) ?? "";
                rows.Add((rows.Count + 1, cells));
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or FormatException)
        {
            throw new ImportFileException($"CSV-файл не читается после строки {rows.Count}: проверьте кавычки.");
        }
        var budget = StructureFileReader.MaxRows;
        var table = ImportTableBuilder.Build(sheet, rows, ref budget);
        return sheet == ImportSheet.Departments ? new StructureFile(fileName, table, null) : new StructureFile(fileName, null, table);
    }

    private static ImportSheet KindOf(string header, char delimiter)
    {
        var cells = header.Split(delimiter).Select(c => c.Trim().Trim('"')).ToList();
        if (cells.Any(c => StructureColumns.Match(ImportSheet.People, c) == StructureColumns.Login)) return ImportSheet.People;
        if (cells.Any(c => StructureColumns.Match(ImportSheet.Departments, c) == StructureColumns.DepartmentName)) return ImportSheet.Departments;
        throw new ImportFileException(
            $"Не понятно, что в CSV-файле: первая строка должна быть заголовком — со столбцом «{StructureColumns.Login}» для сотрудников " +
            $"или «{StructureColumns.DepartmentName}» для подразделений.");
    }

    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        if (content.AsSpan().StartsWith((byte[])[0xFF, 0xFE]) || content.AsSpan().StartsWith((byte[])[0xFE, 0xFF]))
            throw new ImportFileException("CSV в кодировке UTF-16 не поддерживается: сохраните файл как «CSV UTF-8».");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1251).GetString(content);
        }
    }
}
