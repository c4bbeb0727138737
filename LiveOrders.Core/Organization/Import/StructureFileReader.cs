namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// Reads an import file whatever it is: a workbook (recognised by its zip signature, not its name) or CSV. Anything
/// else, or too much, is refused with a message for the administrator; nothing is thrown past here.
/// </summary>
public static class StructureFileReader
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5000;

    public static Result<StructureFile> Read(string fileName, byte[] content)
    {
        if (content.Length == 0) return Fail("Файл пуст.");
        if (content.Length > MaxBytes) return Fail($"Файл больше {MaxBytes / 1024 / 1024} МБ. Разделите его на несколько файлов.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            if (content.AsSpan().StartsWith("PK\x03\x04"u8)) return XlsxStructureReader.Read(fileName, content);
            if (content.AsSpan().StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0]))
                return Fail("Файлы Excel 97–2003 (.xls) не поддерживаются: сохраните книгу как .xlsx.");
            if (extension is ".csv" or ".txt") return CsvStructureReader.Read(fileName, content);
            return Fail("Загрузите книгу Excel (.xlsx) или файл CSV.");
        }
        catch (ImportFileException e)
        {
            return Fail(e.Message);
        }
    }

    private static Result<StructureFile> Fail(string message) => new(null, Failure.Invalid, message);
}
