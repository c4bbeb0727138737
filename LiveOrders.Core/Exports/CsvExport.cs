using System.Globalization;
using CsvHelper;

namespace LiveOrders.Core.Exports;

/// <summary>
/// Writes tables as one CSV the way Excel in a Russian locale opens it without asking: UTF-8 with a BOM, «;» between
/// fields, dates as «ДД.ММ.ГГГГ ЧЧ:ММ» (a whole day as «ДД.ММ.ГГГГ»), fractions with a decimal comma («66,67»), as such an
/// Excel reads a number. Several tables follow one another, each under its name. Text that a
/// spreadsheet would run as a formula («=», «+», «-», «@», a tab or CR first) gets a leading apostrophe (CsvHelper's
/// <see cref="CsvInjection.Escape"/>), so it is shown as typed and never run.
/// </summary>
public static class CsvExport
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static CsvWriterOptions Options => new()
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        // The tables of one file differ in width (an order's fields, then its history).
        ValidateFieldCount = false,
    };

    public static byte[] Write(IReadOnlyList<ExportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            foreach (var table in tables)
            {
                // Several tables: each under a line with its name («Поручение», «История»), so the file reads as sections.
                if (tables.Count > 1) csv.WriteRecord(table.Name);
                foreach (var header in table.Headers) csv.WriteField(header);
                csv.EndRecord();
                foreach (var row in table.Rows)
                {
                    foreach (var value in row) csv.WriteField(Field(value));
                    csv.EndRecord();
                }
            }
            csv.Flush();
        }
        return stream.ToArray();
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        DateTime date => date.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number => number.ToString("0.##", Russian),
        _ => value.ToString() ?? "",
    };
}
