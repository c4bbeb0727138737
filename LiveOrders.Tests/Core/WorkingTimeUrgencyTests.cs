using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Core;

/// <summary>«Скоро срок» starts at the reminder's instant: 24 working hours before for a working-time order, 24 hours for the rest.</summary>
public sealed class WorkingTimeUrgencyTests
{
    private static readonly TimeZoneInfo Novokuznetsk = TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk");
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MunicipalTime _time;
    private readonly DeadlineRules _rules;

    public WorkingTimeUrgencyTests()
    {
        _time = new MunicipalTime(_clock, Novokuznetsk);
        _rules = new DeadlineRules(Options.Create(new DeadlineOptions { ReminderLead = TimeSpan.FromHours(24) }),
            new FixedCalendarSource(WorkingCalendar.Shipped), _time);
    }

    private DateTime Local(int month, int day, int hour) => _time.ToUtc(new DateTime(2026, month, day, hour, 0, 0));

    private Urgency At(DateTime utc, DateTime due, bool workingTime)
    {
        _clock.Set(new DateTimeOffset(utc, TimeSpan.Zero));
        return _rules.UrgencyOf(OrderStatus.InProgress, due, workingTime, _time.UtcNow);
    }

    [Fact]
    public void AWorkingTimeOrderDueMonday10_IsAmberFromFriday10_TheReminderInstant_NotFromSunday()
    {
        var due = Local(3, 16, 10);   // Monday 16 March 2026
        Assert.Equal(Urgency.None, At(Local(3, 13, 10).AddTicks(-1), due, workingTime: true));
        Assert.Equal(Urgency.DueSoon, At(Local(3, 13, 10), due, workingTime: true));
        Assert.Equal(Urgency.DueSoon, At(Local(3, 14, 12), due, workingTime: true));   // Saturday: still amber
        Assert.Equal(Urgency.Overdue, At(due, due, workingTime: true));
        Assert.Equal(_rules.ReminderAt(due, workingTime: true), Local(3, 13, 10));
    }

    [Fact]
    public void ACalendarTimeOrderDueMonday10_IsAmberFromSunday10_AsBefore()
    {
        var due = Local(3, 16, 10);
        Assert.Equal(Urgency.None, At(Local(3, 15, 10).AddTicks(-1), due, workingTime: false));
        Assert.Equal(Urgency.DueSoon, At(Local(3, 15, 10), due, workingTime: false));
        Assert.Equal(Urgency.Overdue, At(due, due, workingTime: false));
    }

    [Fact]
    public void AWorkingTimeOrderDueTuesdayAfterTheHolidayMonday_IsAmberFromTheFridayBefore()
    {
        var due = Local(3, 10, 10);   // Tuesday 10 March; Monday 9 March is a holiday
        Assert.Equal(Urgency.None, At(Local(3, 6, 10).AddTicks(-1), due, workingTime: true));
        Assert.Equal(Urgency.DueSoon, At(Local(3, 6, 10), due, workingTime: true));
        Assert.Equal(Urgency.DueSoon, At(Local(3, 9, 10), due, workingTime: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheScreensRepaint_AtTheReminderInstant_ThenAtTheDueTime(bool workingTime)
    {
        var due = Local(3, 16, 10);
        var remindAt = _rules.ReminderAt(due, workingTime);
        _clock.Set(new DateTimeOffset(Local(3, 12, 9), TimeSpan.Zero));
        Assert.Equal(remindAt, _rules.NextChange(OrderStatus.InProgress, due, workingTime, _time.UtcNow));
        _clock.Set(new DateTimeOffset(remindAt, TimeSpan.Zero));
        Assert.Equal(due, _rules.NextChange(OrderStatus.InProgress, due, workingTime, _time.UtcNow));
        Assert.Equal(Urgency.DueSoon, _rules.UrgencyOf(OrderStatus.InProgress, due, workingTime, _time.UtcNow));
    }
}
