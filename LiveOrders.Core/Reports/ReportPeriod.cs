namespace LiveOrders.Core.Reports;

/// <summary>
/// A reporting period of whole local days in the municipality's zone: from <see cref="From"/> 00:00 up to, not including,
/// <see cref="To"/> 00:00 (so a month is [1 March, 1 April)).
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const string Empty = "Конец периода должен быть позже начала.";
}
