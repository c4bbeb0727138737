using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Core.Orders;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Core;

public sealed class UrgencyTests
{
    private static readonly DateTime Due = new(2026, 3, 10, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DeadlineRules Rules = new(Options.Create(new DeadlineOptions { ReminderLead = TimeSpan.FromHours(6) }),
        new FixedCalendarSource(WorkingCalendar.Shipped), new MunicipalTime(TimeProvider.System, TimeZoneInfo.Utc));

    [Theory]
    [InlineData(-7 * 60, Urgency.None)]
    [InlineData(-6 * 60 - 1, Urgency.None)]
    [InlineData(-6 * 60, Urgency.DueSoon)]
    [InlineData(-1, Urgency.DueSoon)]
    [InlineData(0, Urgency.Overdue)]
    [InlineData(24 * 60, Urgency.Overdue)]
    public void Urgency_FollowsTheConfiguredReminderLead_NotAFixedDay(int minutesFromDue, Urgency expected) =>
        Assert.Equal(expected, Rules.UrgencyOf(OrderStatus.InProgress, Due, false, Due.AddMinutes(minutesFromDue)));

    [Theory]
    [InlineData(OrderStatus.Draft)]
    [InlineData(OrderStatus.OnReview)]
    [InlineData(OrderStatus.Done)]
    [InlineData(OrderStatus.Declined)]
    [InlineData(OrderStatus.Cancelled)]
    public void AnOrderNoLongerAwaitingExecution_IsNeverUrgent(OrderStatus status)
    {
        Assert.Equal(Urgency.None, Rules.UrgencyOf(status, Due, false, Due.AddDays(3)));
        Assert.Null(Rules.NextChange(status, Due, false, Due.AddDays(-3)));
    }

    [Fact]
    public void NextChange_IsTheStartOfDueSoon_ThenTheDueInstant_ThenNothing()
    {
        Assert.Equal(Due.AddHours(-6), Rules.NextChange(OrderStatus.New, Due, false, Due.AddDays(-1)));
        Assert.Equal(Due, Rules.NextChange(OrderStatus.New, Due, false, Due.AddHours(-6)));
        Assert.Null(Rules.NextChange(OrderStatus.New, Due, false, Due));
    }
}
