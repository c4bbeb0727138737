using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Core;

public sealed class DefaultDueTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    // 2026-03-02 is a Monday; 9 March 2026 is a holiday (8 March fell on a Sunday).
    [Theory]
    [InlineData("2026-03-02", "2026-03-05")] // Monday → Thursday
    [InlineData("2026-03-04", "2026-03-10")] // Wednesday → Thursday, Friday, (Monday 9 March is off) Tuesday
    [InlineData("2026-03-06", "2026-03-12")] // Friday → Tuesday 10, Wednesday 11, Thursday 12
    [InlineData("2026-03-07", "2026-03-12")] // Saturday → the same
    [InlineData("2026-10-30", "2026-11-05")] // Friday → Monday 2, Tuesday 3, (Wednesday 4 November is off) Thursday 5
    [InlineData("2026-12-28", "2027-01-01")] // into 2027, not filled in: 3 calendar days end on 31 December (off), so the next day not a weekend
    public void TheDefaultDue_IsThreeWorkingDaysByTheCalendar_AtSixInTheEvening(string today, string due)
    {
        var (local, _) = DefaultDue.LocalFrom(DateTime.Parse(today).AddHours(9.5), Calendar);
        Assert.Equal(DateTime.Parse(due).AddHours(18), local);
        Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(local)));
    }

    [Fact]
    public void NoDefaultDue_FallsOnADayOff_ForAnyTypeFromAnyDayOf2026()
    {
        Term[] terms = [DefaultDue.DefaultTerm, new(30, TermKind.CalendarDays), new(10, TermKind.WorkingDays), new(5, TermKind.WorkingDays),
            new(1, TermKind.CalendarDays), new(2, TermKind.CalendarDays)];
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            foreach (var term in terms)
            {
                var (local, _) = DefaultDue.LocalFrom(day.ToDateTime(new TimeOnly(10, 0)), Calendar, term);
                Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(local)), $"{day} + {term} → {local:d}");
                Assert.NotEqual(new DateOnly(2026, 11, 4), DateOnly.FromDateTime(local));
                Assert.NotEqual(new DateOnly(2026, 12, 31), DateOnly.FromDateTime(local));
            }
    }

    [Fact]
    public void ACitizensAppeal_Of30CalendarDays_EndingOnAHoliday_MovesToTheNextWorkingDay()
    {
        // 1 December + 30 days = 31 December 2026, a day off by the decree; 2027 is unknown, so its weekends alone count:
        // 1 January 2027 is a Friday, still treated as working (the year is not filled in).
        var (local, fellBack) = DefaultDue.LocalFrom(new DateTime(2026, 12, 1, 10, 0, 0), Calendar, new Term(30, TermKind.CalendarDays));
        Assert.Equal(new DateTime(2027, 1, 1, 18, 0, 0), local);
        Assert.False(fellBack);
    }

    [Fact]
    public void AWorkingDayTerm_ReachingAnUnknownYear_FallsBackAndSaysSo()
    {
        var (_, fellBack) = DefaultDue.LocalFrom(new DateTime(2026, 12, 25, 10, 0, 0), Calendar, new Term(10, TermKind.WorkingDays));
        Assert.True(fellBack);
    }

    [Fact]
    public void TheDefaultDue_IsReadInTheMunicipalitysZone_NotInUtc()
    {
        // Friday 23:30 UTC is already Saturday 06:30 in Novokuznetsk (UTC+7): the count starts from Saturday 7 March,
        // and Monday 9 March is a holiday.
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero));
        var time = new MunicipalTime(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk"));

        var due = DefaultDue.For(time, Calendar);

        Assert.Equal(DateTimeKind.Utc, due.Utc.Kind);
        Assert.Equal(new DateTime(2026, 3, 12, 18, 0, 0), time.ToLocal(due.Utc));
        Assert.Equal(new DateTime(2026, 3, 12, 11, 0, 0, DateTimeKind.Utc), due.Utc);
    }
}
