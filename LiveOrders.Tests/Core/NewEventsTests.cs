using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

/// <summary>What an operation hands on (to notify, publish, mail) is its own events, never the history it was loaded with.</summary>
public sealed class NewEventsTests
{
    [Fact]
    public void TakeNewEvents_GivesOnlyTheEventsSinceTheLastTake_WhateverTheHistoryHolds()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);   // history: created, sent, accepted, assigned
        order.TakeNewEvents();
        Assert.Equal(4, order.History.Count);

        order.Submit(4, OrderFactory.Now.AddHours(1), "Готово");

        Assert.Equal([OrderEventKind.Submitted], order.TakeNewEvents().Select(e => e.Kind));
        Assert.Empty(order.TakeNewEvents());
        Assert.Equal(5, order.History.Count);
    }

    [Fact]
    public void TheWatchersStamps_AreEventsButKeepTheVersion()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        order.TakeNewEvents();
        var version = order.Version;

        Assert.True(order.RecordOverdue(order.DueAt));
        Assert.True(order.RecordEscalation(order.DueAt.AddDays(2), order.DueAt.AddDays(1)));

        Assert.Equal(version, order.Version);
        Assert.Equal([OrderEventKind.Overdue, OrderEventKind.Escalated], order.TakeNewEvents().Select(e => e.Kind));
    }

    [Fact]
    public void APersonsChange_StillBumpsTheVersion()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var version = order.Version;
        order.Submit(4, OrderFactory.Now.AddHours(1), null);
        Assert.Equal(version + 1, order.Version);
    }
}
