namespace LiveOrders.Core.Reports;

/// <summary>
/// A reporting period of whole local days in the municipality's zone: from <see cref="From"/> 00:00 up to, not including,
/// <see cref="To"/> 00:00 (so a month is [1 March, 1 April)).
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const string Empty = "Конец периода должен быть позже начала.";
    public const string TooLong = "Период может быть не длиннее 20 лет.";
    public const string OutOfRange = "Даты периода должны лежать между 1900 и 2200 годом.";

    /// <summary>20 years and their leap days: a 10-year report works, a 100-year one is refused rather than run.</summary>
    public const int MaxDays = 20 * 365 + 5;

    /// <summary>
    /// The period of the days <paramref name="from"/> to <paramref name="lastDay"/>, both included, as the pages and downloads
    /// take it. After 31.12.9999 there is no next day: such a period ends on its last day and <see cref="Problem"/> refuses it.
    /// </summary>
    public static ReportPeriod Through(DateOnly from, DateOnly lastDay) =>
        new(from, lastDay == DateOnly.MaxValue ? lastDay : lastDay.AddDays(1));

    /// <summary>Why the period cannot be reported on, or null when it can.</summary>
    public string? Problem() =>
        To <= From ? Empty
        : From.Year < 1900 || To.Year > 2200 ? OutOfRange
        : To.DayNumber - From.DayNumber > MaxDays ? TooLong
        : null;
}
