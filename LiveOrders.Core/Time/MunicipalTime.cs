namespace LiveOrders.Core.Time;

/// <summary>
/// The municipality's clock: "now" from <see cref="TimeProvider"/> (so tests drive it) and the
/// conversion between stored UTC and the local time people read and type.
/// </summary>
public sealed class MunicipalTime(TimeProvider clock, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;
    public TimeProvider Clock { get; } = clock;

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;
    public DateTime LocalNow => ToLocal(UtcNow);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A wall-clock time typed in the municipality, as UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static TimeZoneInfo FindZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
