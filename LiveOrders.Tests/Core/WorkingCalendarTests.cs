using LiveOrders.Core.Calendar;

namespace LiveOrders.Tests.Core;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    [Theory]
    [InlineData("2026-01-09", false)] // moved from Saturday 3 January
    [InlineData("2026-01-12", true)]
    [InlineData("2026-03-09", false)] // 8 March fell on a Sunday
    [InlineData("2026-05-11", false)] // 9 May fell on a Saturday
    [InlineData("2026-11-04", false)]
    [InlineData("2026-12-31", false)] // moved from Sunday 4 January
    [InlineData("2026-12-30", true)]
    [InlineData("2026-11-28", false)] // an ordinary Saturday
    public void TheShipped2026Calendar_KnowsTheDecreesDaysOff(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day)));

    [Fact]
    public void AddingWorkingDays_StepsOverHolidaysAndWeekends() =>
        // Friday 30 April + 1 working day: 1–3 May are off, Monday 4 May is the first working day.
        Assert.Equal(new DateOnly(2026, 5, 4), Calendar.AddWorkingDays(new DateOnly(2026, 4, 30), 1));

    [Fact]
    public void TheFifthWorkingDayOfJanuary2026_IsAfterTheNewYearHolidays() =>
        Assert.Equal(new DateOnly(2026, 1, 16), Calendar.NthWorkingDay(2026, 1, 5));

    [Fact]
    public void AYearNobodyEntered_IsNotKnown_AndOnlyItsWeekendsAreOff()
    {
        Assert.False(Calendar.Knows(2027));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 1, 1))); // a Friday: no holidays are guessed
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void AMonthWithFewerWorkingDaysThanAsked_HasNoSuchDay() =>
        Assert.Null(Calendar.NthWorkingDay(2026, 1, 20));
}

public sealed class TermTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    [Fact]
    public void ThirtyCalendarDays_EndingOnADayOff_MoveToTheNextWorkingDay() =>
        // 1 October + 30 days = Saturday 31 October → Monday 2 November.
        Assert.Equal(new TermEnd(new DateOnly(2026, 11, 2), false),
            new Term(30, TermKind.CalendarDays).EndFrom(new DateOnly(2026, 10, 1), Calendar));

    [Fact]
    public void FiveWorkingDays_StepOverTheNovemberHoliday() =>
        // Friday 30 October + 5 working days: 2, 3, 5, 6, 9 November (4 November is off).
        Assert.Equal(new TermEnd(new DateOnly(2026, 11, 9), false),
            new Term(5, TermKind.WorkingDays).EndFrom(new DateOnly(2026, 10, 30), Calendar));

    [Fact]
    public void WorkingDaysIntoAYearNobodyEntered_CountAsCalendarDays_AndSaySo() =>
        // 28 December + 10 days = 7 January 2027, a Thursday; without the 2027 decree no holiday is assumed.
        Assert.Equal(new TermEnd(new DateOnly(2027, 1, 7), true),
            new Term(10, TermKind.WorkingDays).EndFrom(new DateOnly(2026, 12, 28), Calendar));
}
