using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace LiveOrders.Core.Calendar;

/// <summary>
/// Reads a year of the production calendar from a file, for the administrator to check on the grid and save:
/// the xmlcalendar.ru format that consultant.ru's calendars are published in
/// (<c>&lt;calendar year="2027"&gt;&lt;days&gt;&lt;day d="01.01" t="1"/&gt;…</c>; t=1 a day off, t=2 a shortened working day,
/// t=3 a worked weekend), or a CSV of dates, one a line, optionally with «выходной» or «рабочий» after a comma or semicolon
/// (a date alone is a day off). Days that only repeat the rule (a Saturday off, a Tuesday worked) are dropped.
/// </summary>
public static class CalendarImport
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];
    private static readonly HashSet<string> OffWords = new(StringComparer.OrdinalIgnoreCase) { "выходной", "нерабочий", "праздник", "праздничный", "off", "holiday", "0" };
    private static readonly HashSet<string> WorkingWords = new(StringComparer.OrdinalIgnoreCase) { "рабочий", "working", "work", "1" };

    public static Result<CalendarYear> Parse(string? content, int year)
    {
        var text = (content ?? "").Trim().TrimStart('\uFEFF');
        if (text.Length == 0) return Refused("Файл пуст.");
        return text.StartsWith('<') ? ParseXml(text, year) : ParseCsv(text, year);
    }

    private static Result<CalendarYear> ParseXml(string text, int year)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Refused($"Файл не читается как XML (строка {e.LineNumber}): проверьте, что это календарь в формате xmlcalendar.");
        }
        var root = document.Root;
        if (root?.Name.LocalName != "calendar") return Refused("В XML нет элемента <calendar>: ожидается формат xmlcalendar.");
        if (root.Attribute("year")?.Value is { } stated && stated != year.ToString(CultureInfo.InvariantCulture))
            return Refused($"Файл — календарь на {stated} год, а открыт {year}.");
        var off = new HashSet<DateOnly>();
        var worked = new HashSet<DateOnly>();
        foreach (var day in root.Descendants().Where(e => e.Name.LocalName == "day"))
        {
            var d = day.Attribute("d")?.Value ?? "";
            if (!DateOnly.TryParseExact($"{d}.{year}", "MM.dd.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Refused($"День «{d}» не похож на дату вида ММ.ДД.");
            switch (day.Attribute("t")?.Value)
            {
                case "1": off.Add(date); break;
                case "2": break;
                case "3": worked.Add(date); break;
                default: return Refused($"День {date:dd.MM.yyyy}: неизвестный тип «{day.Attribute("t")?.Value}» (ожидается 1, 2 или 3).");
            }
        }
        return Year(year, off, worked);
    }

    private static Result<CalendarYear> ParseCsv(string text, int year)
    {
        var off = new HashSet<DateOnly>();
        var worked = new HashSet<DateOnly>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split([';', ',', '\t'], StringSplitOptions.TrimEntries);
            if (!DateOnly.TryParseExact(parts[0].Trim('"'), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (i == 0) continue;   // a heading
                return Refused($"Строка {i + 1}: «{Short(parts[0])}» — не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).");
            }
            if (date.Year != year) return Refused($"Строка {i + 1}: {date:dd.MM.yyyy} не относится к {year} году.");
            var kind = parts.Length > 1 ? parts[1].Trim('"') : "";
            if (kind.Length == 0 || OffWords.Contains(kind)) off.Add(date);
            else if (WorkingWords.Contains(kind)) worked.Add(date);
            else return Refused($"Строка {i + 1}: «{Short(kind)}» — ожидается «выходной» или «рабочий».");
        }
        return Year(year, off, worked);
    }

    private static Result<CalendarYear> Year(int year, HashSet<DateOnly> off, HashSet<DateOnly> worked)
    {
        if (off.Overlaps(worked)) return Refused($"{off.Intersect(worked).First():dd.MM.yyyy} указан и выходным, и рабочим.");
        var imported = new CalendarYear(year,
            off.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToHashSet(),
            worked.Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToHashSet());
        return imported;
    }

    private static string Short(string value) => value.Length > 30 ? value[..30] + "…" : value;

    private static Result<CalendarYear> Refused(string message) => Result<CalendarYear>.From(Result.Invalid(message, "file"));
}
