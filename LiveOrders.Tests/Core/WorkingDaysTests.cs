using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Core;

public sealed class WorkingDaysTests
{
    // 2026-03-02 is a Monday.
    [Theory]
    [InlineData("2026-03-02", "2026-03-05")] // Monday → Thursday
    [InlineData("2026-03-04", "2026-03-09")] // Wednesday → Monday
    [InlineData("2026-03-05", "2026-03-10")] // Thursday → Tuesday
    [InlineData("2026-03-06", "2026-03-11")] // Friday → Wednesday
    [InlineData("2026-03-07", "2026-03-11")] // Saturday → Wednesday
    [InlineData("2026-03-08", "2026-03-11")] // Sunday → Wednesday
    public void TheDefaultDue_IsThreeWorkingDaysAhead_AtSixInTheEvening(string today, string due)
    {
        var local = WorkingDays.DefaultDueLocal(DateTime.Parse(today).AddHours(9.5));
        Assert.Equal(DateTime.Parse(due).AddHours(18), local);
        Assert.True(WorkingDays.IsWorkingDay(DateOnly.FromDateTime(local)));
    }

    [Fact]
    public void TheDefaultDue_IsReadInTheMunicipalitysZone_NotInUtc()
    {
        // Friday 23:30 UTC is already Saturday 06:30 in Novokuznetsk (UTC+7): the count starts from Saturday.
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero));
        var time = new MunicipalTime(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk"));

        var due = WorkingDays.DefaultDue(time);

        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(new DateTime(2026, 3, 11, 18, 0, 0), time.ToLocal(due));
        Assert.Equal(new DateTime(2026, 3, 11, 11, 0, 0, DateTimeKind.Utc), due);
    }
}
