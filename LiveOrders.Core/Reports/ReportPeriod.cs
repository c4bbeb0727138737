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

    /// <summary>Why the period cannot be reported on, or null when it can.</summary>
    public string? Problem() =>
        To <= From ? Empty
        : From.Year < 1900 || To.Year > 2200 ? OutOfRange
        : To.DayNumber - From.DayNumber > MaxDays ? TooLong
        : null;
}
