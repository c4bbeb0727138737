namespace LiveOrders.Core.Templates;

/// <summary>"RecurringOrders" in appsettings.json.</summary>
public sealed class RecurringOptions
{
    /// <summary>
    /// How far back an occurrence missed while the app was down is still issued on start: only the latest missed
    /// occurrence of each schedule, and only if it fell within this window (older ones are not issued late).
    /// </summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The longest the issuer sleeps without looking again (another node may have set a schedule).</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromMinutes(5);
}
