using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

/// <summary>An overdue order's report or extension request says why it is late: a reason from the list and words.</summary>
public sealed class DelayReasonRulesTests
{
    private const int Resources = 2;
    private static readonly DateTime Late = OrderFactory.Now.AddDays(6);      // the factory's orders are due in five days
    private static readonly DateTime InTime = OrderFactory.Now.AddDays(1);

    [Fact]
    public void Submit_OnAnOverdueOrder_WithoutAReasonFromTheList_IsRefusedInRussian_AndNothingChanges()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var version = order.Version;

        var error = Assert.Throws<OrderRuleException>(() => order.Submit(4, Late, "Сделано"));

        Assert.Equal(OrderDelay.ReasonMissing, error.Message);
        Assert.Equal("delayReasonId", error.Field);
        Assert.Equal((OrderStatus.InProgress, version), (order.Status, order.Version));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\u200B")]
    public void Submit_OnAnOverdueOrder_WithAReasonButNoWords_IsRefused(string? report)
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);

        var error = Assert.Throws<OrderRuleException>(() => order.Submit(4, Late, report, Resources));

        Assert.Equal(OrderDelay.TextMissing, error.Message);
        Assert.Equal(OrderStatus.InProgress, order.Status);
    }

    [Fact]
    public void Submit_OnAnOverdueOrder_WithReasonAndWords_RecordsTheReasonWithTheEvent()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);

        order.Submit(4, Late, "Подрядчик вышел на неделю позже", Resources);

        var submitted = order.History.Last();
        Assert.Equal(OrderEventKind.Submitted, submitted.Kind);
        Assert.Equal(Resources, submitted.DelayReasonId);
        Assert.Equal("Подрядчик вышел на неделю позже", submitted.Reason);
        Assert.Equal(OrderStatus.OnReview, order.Status);
    }

    [Fact]
    public void Submit_InTime_NeedsNoReason_AndRecordsNoneEvenIfOneIsSent()
    {
        var quiet = OrderFactory.InStatus(OrderStatus.InProgress);
        quiet.Submit(4, InTime, null);
        Assert.Null(quiet.History.Last().DelayReasonId);

        var eager = OrderFactory.InStatus(OrderStatus.InProgress);
        eager.Submit(4, InTime, "Готово", Resources);
        Assert.Null(eager.History.Last().DelayReasonId);
    }

    [Fact]
    public void Submit_AtTheDueInstant_IsAlreadyLate()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.Throws<OrderRuleException>(() => order.Submit(4, order.DueAt, "Сделано"));
    }

    [Fact]
    public void RequestExtension_OnAnOverdueOrder_WithoutAReason_IsRefused_AndWithOne_IsRecorded()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var newDue = Late.AddDays(7);

        var error = Assert.Throws<OrderRuleException>(() => order.RequestExtension(4, Late, newDue, "Нужна ещё неделя"));
        Assert.Equal(OrderDelay.ReasonMissing, error.Message);
        Assert.False(order.HasPendingExtension);

        order.RequestExtension(4, Late, newDue, "Нужна ещё неделя", Resources);
        Assert.Equal(Resources, order.History.Last().DelayReasonId);
        Assert.True(order.HasPendingExtension);
    }

    [Fact]
    public void RequestExtension_InTime_RecordsNoDelayReason()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        order.RequestExtension(4, InTime, order.DueAt.AddDays(3), "Нужно время", Resources);
        Assert.Null(order.History.Last().DelayReasonId);
    }

    // action × state × late? → a reason is required
    public static TheoryData<OrderAction, OrderStatus, bool, bool> RequiredTable => new()
    {
        { OrderAction.Submit, OrderStatus.InProgress, true, true },
        { OrderAction.Submit, OrderStatus.InProgress, false, false },
        { OrderAction.RequestExtension, OrderStatus.New, true, true },
        { OrderAction.RequestExtension, OrderStatus.InProgress, true, true },
        { OrderAction.RequestExtension, OrderStatus.InProgress, false, false },
        { OrderAction.Approve, OrderStatus.OnReview, true, false },       // the result is in: the due time no longer runs
        { OrderAction.Forward, OrderStatus.InProgress, true, false },
        { OrderAction.ChangeDue, OrderStatus.InProgress, true, false },   // the author's own move, with its own reason
        { OrderAction.Submit, OrderStatus.Done, true, false },
    };

    [Theory]
    [MemberData(nameof(RequiredTable))]
    public void OrderDelay_IsRequiredExactlyForALateReportOrExtensionRequest(OrderAction action, OrderStatus status, bool late, bool expected)
    {
        var due = OrderFactory.Now;
        var now = late ? due.AddMinutes(1) : due.AddMinutes(-1);
        Assert.Equal(expected, OrderDelay.Required(action, status, due, now));
    }

    [Theory]
    [InlineData(null, "Укажите причину просрочки, например «Требуется согласование».")]
    [InlineData("  ", "Укажите причину просрочки, например «Требуется согласование».")]
    [InlineData("Ждём\nсуд", "Название причины содержит недопустимые (управляющие) символы.")]
    public void DelayReason_RefusesAnEmptyOrBrokenName(string? name, string message) =>
        Assert.Equal(message, Assert.Throws<OrderRuleException>(() => DelayReason.Create(name)).Message);

    [Fact]
    public void DelayReason_RefusesATooLongName() =>
        Assert.Throws<OrderRuleException>(() => DelayReason.Create(new string('я', DelayReason.NameMaxLength + 1)));
}
