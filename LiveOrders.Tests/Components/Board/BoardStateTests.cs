using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Board;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Components.Board;

/// <summary>The board's state without rendering: columns, filters, lanes, limits, live changes, drops, its own clock.</summary>
public sealed class BoardStateTests
{
    private const int Housing = 2, Roads = 1, Head = 20, Clerk = 21, Other = 22;
    private static readonly DateTime Now = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(6);

    private readonly FakeClock _clock = new(new DateTimeOffset(Now));
    private readonly Actor _head = new(Head, "Кузнецов Михаил Петрович", Housing, Role.DepartmentHead, []);

    private BoardState State(int perColumn = 40, Dictionary<OrderStatus, int>? limits = null, Actor? actor = null)
    {
        var options = new BoardOptions { CardsPerColumn = perColumn, WipLimits = limits ?? [] };
        var time = new MunicipalTime(_clock, TimeZoneInfo.Utc);
        var deadlines = new DeadlineRules(Options.Create(new DeadlineOptions { ReminderLead = Lead }), new FixedCalendarSource(WorkingCalendar.Shipped), time);
        return new BoardState(actor ?? _head, Housing, options, deadlines, time,
            card => card.ExecutingDepartmentId == Housing && card.Status is OrderStatus.New or OrderStatus.InProgress or OrderStatus.OnReview or OrderStatus.Done);
    }

    private static OrderListItem Card(int id, OrderStatus status = OrderStatus.New, double dueInHours = 48, int? responsible = null,
        Priority priority = Priority.Normal, int version = 1, int department = Housing) =>
        new(id, $"П-{id}", $"Поручение {id}", status, priority, Now.AddHours(dueInHours), false, false, "УА", "ЖКХ", department,
            responsible, responsible switch { Head => "Кузнецов Михаил Петрович", Clerk => "Волкова Наталья Андреевна", null => null, _ => "Орлов Олег Олегович" },
            0, 0, version);

    private static OrderChanged Changed(OrderListItem card, OrderChangeKind kind = OrderChangeKind.Transition, int? previousDepartment = null) =>
        new(kind, card.Id, card.Version, new OrderAudience(card.Status, 1, Roads, card.ExecutingDepartmentId, card.ResponsibleId, []),
            previousDepartment, 1, Now, Card: card);

    private static IEnumerable<int> Ids(BoardState state, OrderStatus status, int lane = 0) =>
        state.Lanes[lane].Columns.Single(c => c.Status == status).Cards.Select(c => c.Id);

    [Fact]
    public void EachCard_IsInTheColumnOfItsStatus_SoonestDueFirst()
    {
        var state = State();
        state.Load([Card(1, dueInHours: 30), Card(2, OrderStatus.InProgress), Card(3, dueInHours: 10), Card(4, OrderStatus.OnReview), Card(5, OrderStatus.Done)]);

        Assert.Equal(["Новые", "В работе", "На проверке", "Исполнено"], state.Lanes.Single().Columns.Select(c => c.Title));
        Assert.Equal([3, 1], Ids(state, OrderStatus.New));
        Assert.Equal([2], Ids(state, OrderStatus.InProgress));
        Assert.Equal([4], Ids(state, OrderStatus.OnReview));
        Assert.Equal([5], Ids(state, OrderStatus.Done));
        Assert.Equal(5, state.Visible.Count);
    }

    [Fact]
    public void TheFilters_Mine_Priority_Executor_EachKeepOnlyTheirCards()
    {
        var state = State();
        state.Load([Card(1, responsible: Head), Card(2, responsible: Clerk, priority: Priority.Urgent), Card(3)]);

        state.SetFilter(new BoardFilter(Mine: true));
        Assert.Equal([1], state.Visible.Select(c => c.Id));
        state.SetFilter(new BoardFilter(Priority: Priority.Urgent));
        Assert.Equal([2], state.Visible.Select(c => c.Id));
        state.SetFilter(new BoardFilter(ExecutorId: Clerk));
        Assert.Equal([2], state.Visible.Select(c => c.Id));
        Assert.Equal([Head, Clerk], state.Executors.Select(e => e.Value!.Value).Order());
        state.SetFilter(new BoardFilter());
        Assert.Equal(3, state.Visible.Count);
    }

    [Fact]
    public void TheOverdueFilter_TakesACard_AtTheInstantItTurnsRed()
    {
        var state = State();
        state.Load([Card(1, dueInHours: 1), Card(2, dueInHours: -1), Card(3, OrderStatus.OnReview, dueInHours: -5)]);
        state.SetFilter(new BoardFilter(Overdue: true));
        Assert.Equal([2], state.Visible.Select(c => c.Id));   // a card on review is not overdue: it waits for its author

        _clock.Advance(TimeSpan.FromHours(1));
        state.Refresh();

        Assert.Equal([1, 2], state.Visible.Select(c => c.Id).Order());
        Assert.Equal(Urgency.Overdue, state.UrgencyOf(state.Card(1)!));
    }

    [Fact]
    public void TheDueThisWeekFilter_DropsCardsDueFromNextMonday()
    {
        var state = State();   // Monday 2 March 2026
        state.Load([Card(1, dueInHours: 24 * 6), Card(2, dueInHours: 24 * 7)]);
        state.SetFilter(new BoardFilter(DueThisWeek: true));
        Assert.Equal([1], state.Visible.Select(c => c.Id));
    }

    [Fact]
    public void Swimlanes_GroupTheCardsByExecutor_WithUnassignedLast()
    {
        var state = State();
        state.Load([Card(1, responsible: Head), Card(2, OrderStatus.InProgress, responsible: Clerk), Card(3), Card(4, OrderStatus.OnReview, responsible: Head)]);

        state.SetFilter(new BoardFilter(Swimlanes: true));

        Assert.Equal(["Волкова Наталья Андреевна", "Кузнецов Михаил Петрович", BoardState.Unassigned], state.Lanes.Select(l => l.Title));
        Assert.Equal([2], Ids(state, OrderStatus.InProgress, lane: 0));
        Assert.Equal([1], Ids(state, OrderStatus.New, lane: 1));
        Assert.Equal([4], Ids(state, OrderStatus.OnReview, lane: 1));
        Assert.Equal([3], Ids(state, OrderStatus.New, lane: 2));
        Assert.Equal(2, state.Lanes[1].Count);
    }

    [Fact]
    public void TheWipLimit_IsExceededByTheDepartmentsCards_WhateverTheFilterOrLanes()
    {
        var state = State(limits: new() { [OrderStatus.InProgress] = 2 });
        state.Load([Card(1, OrderStatus.InProgress, responsible: Head), Card(2, OrderStatus.InProgress, responsible: Clerk)]);
        Assert.Null(state.ExceededLimit(OrderStatus.InProgress));

        state.Apply(Changed(Card(3, OrderStatus.InProgress, responsible: Other), OrderChangeKind.Created));
        state.SetFilter(new BoardFilter(Mine: true, Swimlanes: true));

        Assert.Equal(2, state.ExceededLimit(OrderStatus.InProgress));
        Assert.Equal(3, state.CountIn(OrderStatus.InProgress));
        Assert.Null(state.ExceededLimit(OrderStatus.New));
    }

    [Fact]
    public void ShowMore_RendersTheNextPageOfEveryColumn()
    {
        var state = State(perColumn: 2);
        state.Load(Enumerable.Range(1, 5).Select(i => Card(i, dueInHours: i)).Append(Card(9, OrderStatus.Done)));

        var column = state.Lanes[0].Columns[0];
        Assert.Equal([1, 2], column.Cards.Select(c => c.Id));
        Assert.Equal(3, column.Hidden);
        Assert.Equal(5, column.Count);

        state.ShowMore();
        Assert.Equal([1, 2, 3, 4], Ids(state, OrderStatus.New));
        state.ShowMore();
        Assert.Equal(0, state.Lanes[0].Columns[0].Hidden);
    }

    [Fact]
    public void ALiveChange_AddsTheCard_MovesIt_AndTakesItAwayWhenForwarded()
    {
        var state = State();
        state.Load([Card(1)]);

        state.Apply(Changed(Card(2, version: 1), OrderChangeKind.Created));
        Assert.Equal([1, 2], Ids(state, OrderStatus.New));

        state.Apply(Changed(Card(2, OrderStatus.InProgress, version: 2)));
        Assert.Equal([1], Ids(state, OrderStatus.New));
        Assert.Equal([2], Ids(state, OrderStatus.InProgress));

        state.Apply(Changed(Card(2, OrderStatus.New, version: 3, department: 3), previousDepartment: Housing));
        Assert.Null(state.Card(2));
        Assert.DoesNotContain(state.Visible, c => c.Id == 2);
    }

    [Fact]
    public void ALiveChange_OlderThanTheCardHeld_IsIgnored_AndAComment_CountsOnTheCard()
    {
        var state = State();
        state.Load([Card(1, OrderStatus.InProgress, version: 5)]);

        state.Apply(Changed(Card(1, OrderStatus.New, version: 4)));
        Assert.Equal(OrderStatus.InProgress, state.Card(1)!.Status);

        state.Apply(Changed(Card(1, OrderStatus.InProgress, version: 5), OrderChangeKind.Commented));
        Assert.Equal(1, state.Card(1)!.CommentCount);
    }

    [Fact]
    public void AChange_ThisPersonMayNoLongerSee_TakesTheCardAway()
    {
        var clerk = new Actor(Clerk, "Волкова Наталья Андреевна", 5, Role.Employee, []);
        var state = State(actor: clerk);
        state.Load([Card(1, responsible: Clerk)]);
        Assert.True(state.Concerns(Changed(Card(1, responsible: Other, version: 2))));

        state.Apply(Changed(Card(1, OrderStatus.InProgress, responsible: Other, version: 2)));

        Assert.Null(state.Card(1));
        Assert.False(state.Concerns(Changed(Card(7, responsible: Other))));   // never held, not visible to her
    }

    [Fact]
    public void ADropOnAColumnTheLifecycleDoesNotReach_IsRefusedWithTheReason()
    {
        var state = State();
        var card = Card(1);
        state.Load([card]);

        var move = state.BeginMove(card, OrderStatus.Done);

        Assert.Null(move.Command);
        Assert.Equal("Сначала примите поручение в работу.", move.Refusal);
        Assert.Equal(move.Refusal, state.Message);
        Assert.Equal(OrderStatus.New, state.Card(1)!.Status);
        Assert.Same(BoardMove.None, state.BeginMove(card, OrderStatus.New));   // dropped where it lay
    }

    [Fact]
    public void TheSameDrop_ReportedTwice_IsSentOnce_AndALateReportOfItIsNoConflict()
    {
        var state = State();
        var card = Card(1, version: 3);
        state.Load([card]);

        var first = state.BeginMove(card, OrderStatus.InProgress);
        var second = state.BeginMove(card, OrderStatus.InProgress);
        Assert.IsType<AcceptOrder>(first.Command);
        Assert.Same(BoardMove.None, second);

        state.MoveSucceeded(card, OrderStatus.InProgress, 4);
        Assert.Equal([1], Ids(state, OrderStatus.InProgress));
        Assert.Same(BoardMove.None, state.BeginMove(card, OrderStatus.InProgress));
        Assert.Null(state.Message);
    }

    [Fact]
    public void ADropOfACardSomeoneElseChangedMeanwhile_IsAConflict_AndTheFreshCardStays()
    {
        var state = State();
        var picked = Card(1, version: 1);
        state.Load([picked]);
        state.Apply(Changed(Card(1, OrderStatus.InProgress, version: 2)));   // another person accepted it

        var move = state.BeginMove(picked, OrderStatus.InProgress);

        Assert.Null(move.Command);
        Assert.Equal(OrderService.ConflictMessage, move.Refusal);
        Assert.Equal(2, state.Card(1)!.Version);
    }

    [Fact]
    public void ARefusedMove_LeavesTheCard_AndFreesItForTheNextTry()
    {
        var state = State();
        var card = Card(1);
        state.Load([card]);
        state.BeginMove(card, OrderStatus.InProgress);

        state.MoveRefused(card, "Действие «Принять» вам недоступно для этого поручения.");

        Assert.Equal(OrderStatus.New, state.Card(1)!.Status);
        Assert.Equal("Действие «Принять» вам недоступно для этого поручения.", state.Message);
        Assert.NotNull(state.BeginMove(card, OrderStatus.InProgress).Command);
    }

    [Fact]
    public void TheBoardWakesAtTheNextInstantACardChangesColour_OrWithinAMinute()
    {
        var state = State();
        state.Load([Card(1, dueInHours: 6.5), Card(2, OrderStatus.OnReview, dueInHours: 0.01)]);
        Assert.Equal(Now.AddMinutes(1), state.NextRenderAt());

        state.Load([Card(1, dueInHours: 6.0 + 10.0 / 3600)]);
        Assert.Equal(Now.AddHours(6.0 + 10.0 / 3600) - Lead, state.NextRenderAt());   // turns amber at the reminder lead, not 24 h

        state.Load([Card(1, dueInHours: 0.5 / 60)]);
        Assert.Equal(Now.AddSeconds(30), state.NextRenderAt());
        Assert.Equal(Urgency.DueSoon, state.UrgencyOf(state.Card(1)!));
    }

    [Fact]
    public void TheMenuOffers_ExactlyTheMovesTheLifecycleAndPolicyAllow()
    {
        Assert.Equal([OrderStatus.InProgress], BoardState.MovesFor(Card(1), [OrderAction.Accept, OrderAction.Forward]).Select(m => m.Status));
        Assert.Empty(BoardState.MovesFor(Card(1), [OrderAction.Comment]));
        Assert.Equal([OrderStatus.Done], BoardState.MovesFor(Card(1, OrderStatus.OnReview), [OrderAction.Approve, OrderAction.Return]).Select(m => m.Status));
        Assert.Empty(BoardState.MovesFor(Card(1, OrderStatus.Done), [OrderAction.Comment]));
    }
}
