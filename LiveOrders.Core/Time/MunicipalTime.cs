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

    /// <summary>
    /// The first instant (UTC) of a local day. The calendar's first day has no such instant east of Greenwich: a filter
    /// typed as «from 0001-01-01» then starts at the earliest instant there is, rather than fail.
    /// </summary>
    public DateTime StartOfDay(DateOnly day) =>
        day <= DateOnly.MinValue.AddDays(1) ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : ToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// Where a run of local days ending with <paramref name="lastDay"/> (included) ends: the next day's first instant, or
    /// the latest instant there is after 31.12.9999 (which has no next day).
    /// </summary>
    public DateTime EndOfDay(DateOnly lastDay) =>
        lastDay == DateOnly.MaxValue ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : StartOfDay(lastDay.AddDays(1));

    public static TimeZoneInfo FindZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
