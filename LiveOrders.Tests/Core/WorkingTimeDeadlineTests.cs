using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Core;

/// <summary>Reminders and escalations of a working-time order count the hours of working days only.</summary>
public sealed class WorkingTimeDeadlineTests
{
    private static readonly TimeZoneInfo Novokuznetsk = TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk");
    private static readonly MunicipalTime Time = new(TimeProvider.System, Novokuznetsk);
    private static readonly DeadlineRules Rules = new(
        Options.Create(new DeadlineOptions { ReminderLead = TimeSpan.FromHours(24), EscalateToCuratorAfter = TimeSpan.FromHours(24) }),
        new FixedCalendarSource(WorkingCalendar.Shipped), Time);

    private static DateTime Utc(int month, int day, int hour) => Time.ToUtc(new DateTime(2026, month, day, hour, 0, 0));

    [Fact]
    public void AnOrderDueMonday10_IsRemindedOnFriday10_NotOnSunday()
    {
        var due = Utc(3, 16, 10);   // Monday 16 March 2026, local time
        Assert.Equal(Utc(3, 13, 10), Rules.ReminderAt(due, workingTime: true));
        Assert.Equal(Utc(3, 15, 10), Rules.ReminderAt(due, workingTime: false));   // a calendar-time type: Sunday
    }

    [Fact]
    public void AnOrderDueTuesdayAfterAHolidayMonday_IsRemindedOnTheFridayBefore()
    {
        var due = Utc(3, 10, 10);   // Tuesday 10 March; Monday 9 March is off
        Assert.Equal(Utc(3, 6, 10), Rules.ReminderAt(due, workingTime: true));
    }

    [Fact]
    public void AnOrderOverdueFridayEvening_IsEscalatedAfter24WorkingHours_SkippingTheWeekendAndTheHoliday()
    {
        var due = Utc(3, 6, 18);    // Friday 6 March 18:00: 6 h of Friday, then Tuesday 10 March (Monday is off) 18 h
        Assert.Equal(Utc(3, 10, 18), Rules.EscalationAt(due, workingTime: true));
        Assert.Equal(Utc(3, 7, 18), Rules.EscalationAt(due, workingTime: false));
    }

    [Fact]
    public void AroundTheNovemberHoliday_ReminderAndEscalationSkipWednesday4()
    {
        Assert.Equal(Utc(11, 3, 12), Rules.ReminderAt(Utc(11, 5, 12), workingTime: true));
        Assert.Equal(Utc(11, 5, 12), Rules.EscalationAt(Utc(11, 3, 12), workingTime: true));
    }

    /// <summary>The watcher selects by the bound and acts by the instant: the two must agree at every pair of instants.</summary>
    [Fact]
    public void TheWatchersBounds_AgreeExactlyWithTheInstants()
    {
        var start = Utc(3, 4, 0);
        var instants = Enumerable.Range(0, 10 * 24 * 2).Select(i => start + TimeSpan.FromMinutes(30 * i)).ToList();
        foreach (var working in new[] { true, false })
            foreach (var now in instants.Where((_, i) => i % 3 == 0))
            {
                var remindUpTo = Rules.RemindedDueUpTo(now, working);
                var escalateUpTo = Rules.EscalatedDueUpTo(now, working);
                foreach (var due in instants)
                {
                    Assert.Equal(Rules.ReminderAt(due, working) <= now, due <= remindUpTo);
                    Assert.Equal(Rules.EscalationAt(due, working) <= now, due <= escalateUpTo);
                }
            }
    }

    [Fact]
    public void WorkingTimeReminder_IsNeverLaterThanTheCalendarOne()
    {
        for (var due = Utc(12, 20, 0); due < Utc(12, 31, 0); due += TimeSpan.FromHours(1))
            Assert.True(Rules.ReminderAt(due, true) <= Rules.ReminderAt(due, false));
    }
}
