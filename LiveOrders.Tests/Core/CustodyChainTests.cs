using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

/// <summary>
/// The chain of custody and ping-pong, derived from an order's history alone (docs/decisions/005-chain-of-custody-and-ping-pong.md).
/// Orders are driven through the entity's own methods, an hour or a day apart.
/// </summary>
public sealed class CustodyChainTests
{
    private const int Roads = OrderFactory.Roads, Housing = OrderFactory.Housing, Finance = OrderFactory.Finance, Control = OrderFactory.Control;
    private static readonly DateTime T0 = OrderFactory.Now;

    /// <summary>Roads (author 1) sends an order to Housing at T0.</summary>
    private static Order SentToHousing()
    {
        var order = Order.Create(new OrderDraft("Заголовок", "Текст", Housing, Priority.Normal, T0.AddDays(30)), 1, Roads, T0.AddHours(-1));
        order.Send(1, T0);
        return order;
    }

    private static CustodyChain Chain(Order order) => CustodyChain.Of(order.History);

    [Fact]
    public void AnOrderNeverForwarded_IsOneOpenStay_MeasuredUpToNow()
    {
        var order = SentToHousing();
        order.Accept(3, T0.AddHours(1));

        var stay = Assert.Single(Chain(order).Stays);
        Assert.Equal(Housing, stay.DepartmentId);
        Assert.True(stay.IsOpen);
        Assert.Equal(CustodyStayEnd.Open, stay.End);
        Assert.Equal(TimeSpan.FromHours(5), stay.DurationAt(T0.AddHours(5)));
        Assert.Equal(TimeSpan.FromDays(2), stay.DurationAt(T0.AddDays(2)));
        Assert.Empty(Chain(order).PingPongs);
    }

    [Fact]
    public void ADraft_HasNoStayYet()
    {
        var draft = Order.Create(new OrderDraft("Заголовок", "Текст", Housing, Priority.Normal, T0.AddDays(30)), 1, Roads, T0);
        Assert.Empty(Chain(draft).Stays);
        Assert.Null(Chain(draft).Current);
    }

    [Fact]
    public void ForwardedTwice_ThreeStays_EachFromArrivalToHandingOn_AndNoPingPong()
    {
        var order = SentToHousing();
        order.Forward(3, T0.AddDays(2).AddHours(3), Finance, "Не наша компетенция");
        order.Forward(5, T0.AddDays(2).AddHours(8), Control, "Пусть проверит контроль");
        var now = T0.AddDays(3);

        var chain = Chain(order);
        Assert.Equal([Housing, Finance, Control], chain.Stays.Select(s => s.DepartmentId));
        Assert.Equal([CustodyStayEnd.Forwarded, CustodyStayEnd.Forwarded, CustodyStayEnd.Open], chain.Stays.Select(s => s.End));
        Assert.Equal([TimeSpan.FromHours(51), TimeSpan.FromHours(5), TimeSpan.FromHours(16)], chain.Stays.Select(s => s.DurationAt(now)));
        Assert.Empty(chain.PingPongs);
        Assert.Equal(0, order.PingPongCount);
        Assert.DoesNotContain(order.History, e => e.Kind == OrderEventKind.PingPong);
    }

    [Fact]
    public void AClosedOrder_EndsItsLastStayAtApproval_AndReviewTimeCountsToTheExecutor()
    {
        var order = SentToHousing();
        order.Accept(3, T0.AddHours(1));
        order.Submit(3, T0.AddHours(10), "Готово");
        order.Return(1, T0.AddHours(12), "Нет фото");
        order.Submit(3, T0.AddHours(20), "Фото приложены");
        order.Approve(1, T0.AddHours(30), 5);

        var stay = Assert.Single(Chain(order).Stays);
        Assert.Equal(CustodyStayEnd.Approved, stay.End);
        Assert.Equal(T0.AddHours(30), stay.Until);
        Assert.Equal(TimeSpan.FromHours(30), stay.DurationAt(T0.AddDays(100)));
        Assert.Null(Chain(order).Current);
    }

    [Fact]
    public void ACancelledOrder_EndsTheStayAtTheCancellation()
    {
        var order = SentToHousing();
        order.Cancel(1, T0.AddHours(4), "Не нужно");
        var stay = Assert.Single(Chain(order).Stays);
        Assert.Equal(CustodyStayEnd.Cancelled, stay.End);
        Assert.Equal(TimeSpan.FromHours(4), stay.DurationAt(T0.AddDays(1)));
    }

    [Fact]
    public void ForwardedBackToADepartmentItLeft_IsAPingPong_AtThatForward()
    {
        var order = SentToHousing();
        order.Forward(3, T0.AddHours(2), Finance, "Это финансы");
        order.Forward(5, T0.AddHours(5), Housing, "Нет, это ЖКХ");

        var chain = Chain(order);
        var pingPong = Assert.Single(chain.PingPongs);
        Assert.Equal(T0.AddHours(5), pingPong.At);
        Assert.Equal(Housing, pingPong.ReturnedTo);
        Assert.Equal(Finance, pingPong.SentBackBy);
        Assert.Equal([Housing, Finance, Housing], pingPong.Loop);
        Assert.Equal([false, false, true], chain.Stays.Select(s => s.ArrivedBack));
        Assert.Equal(1, order.PingPongCount);
    }

    [Fact]
    public void ThePingPong_IsRecordedOnce_AsItsOwnEvent_InTheForwardsVersion()
    {
        var order = SentToHousing();
        order.Forward(3, T0.AddHours(2), Finance, "Это финансы");
        var version = order.Version;
        order.Forward(5, T0.AddHours(5), Housing, "Нет, это ЖКХ");

        Assert.Equal(version + 1, order.Version);
        var recorded = Assert.Single(order.History, e => e.Kind == OrderEventKind.PingPong);
        Assert.Equal((Finance, Housing, 5), (recorded.FromDepartmentId!.Value, recorded.ToDepartmentId!.Value, recorded.ActorId!.Value));

        order.Accept(3, T0.AddHours(6));
        order.Assign(3, T0.AddHours(7), 4);
        Assert.Single(order.History, e => e.Kind == OrderEventKind.PingPong);
        Assert.Equal(1, order.PingPongCount);
    }

    [Fact]
    public void EachReturn_IsAnOccurrence_AndItsLoopStartsAtTheLastStayThere()
    {
        var order = SentToHousing();
        order.Forward(3, T0.AddHours(1), Finance, "1");
        order.Forward(5, T0.AddHours(2), Control, "2");
        order.Forward(11, T0.AddHours(3), Housing, "3");   // Housing → Finance → Control → Housing
        order.Forward(3, T0.AddHours(4), Control, "4");    // Control → Housing → Control

        var chain = Chain(order);
        Assert.Equal(2, chain.PingPongs.Count);
        Assert.Equal([Housing, Finance, Control, Housing], chain.PingPongs[0].Loop);
        Assert.Equal([Control, Housing, Control], chain.PingPongs[1].Loop);
        Assert.Equal(2, order.PingPongCount);
    }

    [Fact]
    public void ADeclineBackToTheAuthor_IsNotAPingPong_NorIsSendingItAgain_ButAForwardBackLaterIs()
    {
        var order = SentToHousing();
        order.Forward(3, T0.AddHours(2), Finance, "Это финансы");
        order.Decline(5, T0.AddHours(3), "Не наша компетенция");

        var declined = Chain(order);
        Assert.Empty(declined.PingPongs);
        Assert.Equal([Housing, Finance, null], declined.Stays.Select(s => s.DepartmentId));
        Assert.Equal(CustodyStayEnd.Declined, declined.Stays[1].End);
        Assert.True(declined.Current!.WithAuthor);
        Assert.Equal(TimeSpan.FromHours(2), declined.Current.DurationAt(T0.AddHours(5)));

        // The author sends it again, to Finance, which declined it: her decision, not a ping-pong.
        order.Send(1, T0.AddHours(6), Finance);
        var resent = Chain(order);
        Assert.Empty(resent.PingPongs);
        Assert.Equal(CustodyStayEnd.Sent, resent.Stays[2].End);
        Assert.Equal(TimeSpan.FromHours(3), resent.Stays[2].DurationAt(T0.AddDays(1)));

        // Finance forwards it to Housing, which had forwarded it before: a ping-pong.
        order.Forward(5, T0.AddHours(7), Housing, "Всё-таки ЖКХ");
        var pingPong = Assert.Single(Chain(order).PingPongs);
        Assert.Equal([Housing, Finance, Housing], pingPong.Loop);
        Assert.Equal(1, order.PingPongCount);
    }

    [Fact]
    public void EventsOfTheSameInstant_KeepTheOrderTheyHappenedIn()
    {
        var order = SentToHousing();
        order.Forward(3, T0, Finance, "Сразу в финансы");
        order.Forward(5, T0, Control, "Сразу в контроль");

        Assert.Equal([Housing, Finance, Control], Chain(order).Stays.Select(s => s.DepartmentId));
        Assert.Equal(Control, Chain(order).Current!.DepartmentId);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], Chain(order).Stays.Take(2).Select(s => s.DurationAt(T0.AddHours(1))));
    }
}
