namespace LiveOrders.Web.Components.Control;

/// <summary>
/// Whether a screen's figures are current: when they were last read, and since when they are not
/// (a refresh failed, or the connection to the server was lost). A screen is green only when current.
/// </summary>
public sealed record Freshness(DateTime? UpdatedAt = null, DateTime? LostAt = null)
{
    public static readonly Freshness Unknown = new();

    /// <summary>Read at least once, and nothing lost since.</summary>
    public bool IsCurrent => UpdatedAt is not null && LostAt is null;

    /// <summary>A successful read: current again.</summary>
    public Freshness Refreshed(DateTime at) => new(at, null);

    /// <summary>Not current from <paramref name="at"/>; the first instant is kept, a screen says since when.</summary>
    public Freshness Lost(DateTime at) => this with { LostAt = LostAt is { } since && since <= at ? since : at };
}
