using System.Globalization;
using LiveOrders.Core.Language;

namespace LiveOrders.Core.Reports;

/// <summary>The справка's words: the period, a delay, the summary paragraph, with numbers declined by <see cref="RussianPlural"/>.</summary>
public static class DisciplineText
{
    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private static readonly string[] Months =
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    /// <summary>
    /// «за март 2026 г.» for a whole month, «за I квартал 2026 г.», «за I полугодие 2026 г.», «за 2026 г.» for a whole year,
    /// «за 05.03.2026» for one day, else «за период с 01.03.2026 по 15.03.2026» (the last day included).
    /// </summary>
    public static string Period(ReportPeriod period)
    {
        var (from, to) = (period.From, period.To);
        if (from.Day == 1)
        {
            var year = from.Year.ToString(CultureInfo.InvariantCulture);
            if (to == from.AddMonths(1)) return $"за {Months[from.Month - 1]} {year} г.";
            if (to == from.AddMonths(3) && from.Month % 3 == 1) return $"за {Roman[from.Month / 3]} квартал {year} г.";
            if (to == from.AddMonths(6) && from.Month % 6 == 1) return $"за {Roman[from.Month / 6]} полугодие {year} г.";
            if (to == from.AddYears(1) && from.Month == 1) return $"за {year} г.";
        }
        var last = to.AddDays(-1);
        return last == from ? $"за {Date(from)}" : $"за период с {Date(from)} по {Date(last)}";
    }

    /// <summary>A delay in days and hours («1 день 2 часа», «5 дней», «3 часа»); under an hour, in minutes («40 минут»).</summary>
    public static string Delay(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var days = (long)delay.TotalDays;
        var hours = delay.Hours;
        if (days == 0 && hours == 0)
            return delay.Minutes == 0 ? "менее минуты" : RussianPlural.Of(delay.Minutes, "минута", "минуты", "минут");
        var parts = new List<string>(2);
        if (days > 0) parts.Add(RussianPlural.Of(days, "день", "дня", "дней"));
        if (hours > 0) parts.Add(RussianPlural.Of(hours, "час", "часа", "часов"));
        return string.Join(' ', parts);
    }

    public static string Orders(long n) => RussianPlural.Of(n, "поручение", "поручения", "поручений");

    /// <summary>A share as a whole percent («67 %»), or «—» when nothing was done.</summary>
    public static string Percent(double? rate) => rate is { } r ? Math.Round(r * 100, MidpointRounding.AwayFromZero).ToString("0", Russian) + " %" : "—";

    /// <summary>
    /// «В отчётном периоде поступило 4 поручения, исполнено 3 поручения, из них в срок — 2 (67 %); просрочено на дату
    /// справки — 1 поручение.» and, when some were done late, how many.
    /// </summary>
    public static string Summary(DisciplineTotals totals)
    {
        var done = totals.Done == 0
            ? "исполненных поручений нет"
            : $"исполнено {Orders(totals.Done)}, из них в срок — {totals.DoneOnTime} ({Percent(totals.OnTimeRate)})";
        var text = $"В отчётном периоде поступило {Orders(totals.Received)}, {done}; просрочено на дату справки — {Orders(totals.OverdueNow)}.";
        if (totals.DoneLate > 0) text += $" С нарушением срока исполнено {Orders(totals.DoneLate)}.";
        return text;
    }

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime local) => local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
