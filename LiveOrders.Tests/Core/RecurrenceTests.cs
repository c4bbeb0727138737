using LiveOrders.Core.Calendar;
using LiveOrders.Core.Templates;

namespace LiveOrders.Tests.Core;

/// <summary>When recurring orders fall, by the production calendar (2026 shipped; 2027 unknown, so weekends only).</summary>
public sealed class RecurrenceTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;
    private static readonly TimeOnly Nine = new(9, 0);

    private static List<DateOnly> Dates(Recurrence r, DateOnly from, int count) => r.DatesFrom(from, Calendar).Take(count).ToList();
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void MonthlyFifthWorkingDay_OfJanuary2026_IsThe16th_AfterTheNewYearHolidays()
    {
        var r = new Recurrence(RecurrenceKind.MonthlyWorkingDay, 5, default, D(2026, 1, 1), null, Nine);
        Assert.Equal([D(2026, 1, 16), D(2026, 2, 6), D(2026, 3, 6)], Dates(r, D(2026, 1, 1), 3));
    }

    [Fact]
    public void MonthlyFifthWorkingDay_CrossesIntoMay_CountingPastTheFirstOfMay()
    {
        var r = new Recurrence(RecurrenceKind.MonthlyWorkingDay, 5, default, D(2026, 3, 1), null, Nine);
        // 1 May is a holiday: 4, 5, 6, 7, 8 May.
        Assert.Equal([D(2026, 3, 6), D(2026, 4, 7), D(2026, 5, 8)], Dates(r, D(2026, 3, 1), 3));
    }

    [Fact]
    public void MonthlyFifthWorkingDay_FromDecember2026IntoJanuary2027_CountsWeekendsOnlyInTheUnknownYear()
    {
        var r = new Recurrence(RecurrenceKind.MonthlyWorkingDay, 5, default, D(2026, 12, 1), null, Nine);
        // 2027's decree is not in the calendar: its New Year holidays are not guessed, only weekends skipped.
        Assert.Equal([D(2026, 12, 7), D(2027, 1, 7)], Dates(r, D(2026, 12, 1), 2));
        Assert.False(Calendar.Knows(2027));
    }

    [Fact]
    public void MonthlyWorkingDay_PastTheMonthsLastWorkingDay_IsTheLastWorkingDay()
    {
        // January 2026 has 15 working days (12–30 January).
        var r = new Recurrence(RecurrenceKind.MonthlyWorkingDay, 20, default, D(2026, 1, 1), null, Nine);
        Assert.Equal(D(2026, 1, 30), Dates(r, D(2026, 1, 1), 1)[0]);
    }

    [Theory]
    [InlineData(2026, 3, 2, 2026, 3, 9, 2026, 3, 10)]   // 9 March (for 8 March) is off: Tuesday the 10th
    [InlineData(2026, 5, 4, 2026, 5, 11, 2026, 5, 12)]  // 11 May (for 9 May) is off: Tuesday the 12th
    public void WeeklyOnAMondayThatIsAHoliday_MovesToTheNextWorkingDay_AndTheWeekAfterIsMondayAgain(
        int y1, int m1, int d1, int yh, int mh, int dh, int ym, int mm, int dm)
    {
        var r = new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Monday, D(y1, m1, d1), null, Nine);
        var holiday = D(yh, mh, dh);
        Assert.Equal([D(y1, m1, d1), D(ym, mm, dm), holiday.AddDays(7)], Dates(r, D(y1, m1, d1), 3));
    }

    [Fact]
    public void WeeklyMonday_InsideTheNewYearHolidays_IsOneOccurrence_NotTwoOnTheSameDay()
    {
        // 5 January is off through the 9th: it moves to Monday the 12th, which is that week's own occurrence.
        var r = new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Monday, D(2025, 12, 29), null, Nine);
        Assert.Equal([D(2025, 12, 29), D(2026, 1, 12), D(2026, 1, 19)], Dates(r, D(2025, 12, 29), 3));
    }

    [Fact]
    public void MonthlyOnACalendarDay_OffMovesToTheNextWorkingDay_AndTheLastDayIsClampedToShortMonths()
    {
        var r = new Recurrence(RecurrenceKind.MonthlyDay, 31, default, D(2026, 1, 1), null, Nine);
        // 31 January is a Saturday → 2 February; February ends on Saturday the 28th → 2 March; 31 March is a Tuesday.
        Assert.Equal([D(2026, 2, 2), D(2026, 3, 2), D(2026, 3, 31)], Dates(r, D(2026, 1, 1), 3));
    }

    [Fact]
    public void EveryFiveWorkingDays_SkipsTheHoliday()
    {
        var r = new Recurrence(RecurrenceKind.EveryWorkingDays, 5, default, D(2026, 2, 27), null, Nine);
        // 9 March is off: 10, 11, 12, 13, 16 March.
        Assert.Equal([D(2026, 2, 27), D(2026, 3, 6), D(2026, 3, 16)], Dates(r, D(2026, 2, 27), 3));
    }

    [Fact]
    public void Occurrences_StopAtTheEndDate_AndStartNoEarlierThanTheStart()
    {
        var r = new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Wednesday, D(2026, 3, 10), D(2026, 3, 25), Nine);
        Assert.Equal([D(2026, 3, 11), D(2026, 3, 18), D(2026, 3, 25)], r.DatesFrom(D(2026, 1, 1), Calendar).ToList());
    }

    [Theory]
    [InlineData(RecurrenceKind.MonthlyWorkingDay, 0)]
    [InlineData(RecurrenceKind.MonthlyWorkingDay, 24)]
    [InlineData(RecurrenceKind.MonthlyDay, 32)]
    [InlineData(RecurrenceKind.EveryWorkingDays, 0)]
    public void AnImpossibleNumber_IsRefusedInRussian(RecurrenceKind kind, int number)
    {
        var r = new Recurrence(kind, number, default, D(2026, 3, 1), null, Nine);
        var refusal = Assert.IsType<string>(r.Refusal());
        Assert.DoesNotContain(refusal, c => c is >= 'a' and <= 'z');
    }

    [Fact]
    public void AnEndBeforeTheStart_IsRefused() =>
        Assert.Equal("Дата окончания раньше даты начала.",
            new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Monday, D(2026, 3, 10), D(2026, 3, 1), Nine).Refusal());
}
