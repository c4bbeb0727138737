using LiveOrders.Core;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

public sealed class OrderServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task EveryTransition_WritesItsHistoryEvent_InTheSameSave()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        _db.Clock.Advance(TimeSpan.FromMinutes(5));

        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        var assigned = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, accepted.Value, new AssignOrder(_db.HousingClerk.EmployeeId));
        Assert.True(assigned.Ok, assigned.Message);

        await using var db = _db.CreateDbContext();
        var history = await db.OrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([OrderEventKind.Created, OrderEventKind.Sent, OrderEventKind.Accepted, OrderEventKind.Assigned], history.Select(e => e.Kind));
        Assert.Equal(_db.HousingHead.EmployeeId, history[2].ActorId);
        Assert.Equal(_db.Time.UtcNow, history[2].At);
        Assert.Equal(_db.HousingClerk.EmployeeId, history[3].EmployeeId);
        var stored = await db.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal(OrderStatus.InProgress, stored.Status);
        Assert.Equal(history.Count, stored.Version);
    }

    [Fact]
    public async Task RegistrationNumbers_AreUniqueAndGapless_UnderConcurrentCreation()
    {
        const int count = 24;
        var creations = Enumerable.Range(0, count).Select(i => Task.Run(() => _db.Orders.CreateAsync(
            i % 2 == 0 ? _db.RoadsHead : _db.HousingHead,
            new NewOrder($"Поручение {i}", null, [i % 2 == 0 ? _db.Housing.Id : _db.Roads.Id], Priority.Normal, _db.Time.UtcNow.AddDays(2)))));
        var results = await Task.WhenAll(creations);

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
        var numbers = results.SelectMany(r => r.Value!).Select(o => o.Number).ToList();
        var year = _db.Time.LocalNow.Year;
        Assert.Equal(Enumerable.Range(1, count).Select(n => $"П-{year}/{n:D4}").Order(), numbers.Order());
    }

    [Fact]
    public async Task CreatingForSeveralDepartments_GivesEachItsOwnNumberedOrder()
    {
        var result = await _db.Orders.CreateAsync(_db.Deputy, new NewOrder("Подготовить отчёт", "Всем", [_db.Roads.Id, _db.Housing.Id, _db.Finance.Id],
            Priority.High, _db.Time.UtcNow.AddDays(5)));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(3, result.Value!.Select(o => o.Number).Distinct().Count());
        Assert.Equal([_db.Roads.Id, _db.Housing.Id, _db.Finance.Id], result.Value!.Select(o => o.ExecutingDepartmentId));
        Assert.Equal(3, _db.Feed.Published.Count(c => c.Kind == OrderChangeKind.Created));
    }

    [Fact]
    public async Task CreatingForAnUnknownDepartment_IsRefused_AndSavesNothing()
    {
        var result = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Заголовок", null, [_db.Housing.Id, 9999], Priority.Normal, _db.Time.UtcNow.AddDays(1)));

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal("departments", result.Field);
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Empty(_db.Feed.Published);
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData(null, "title")]
    public async Task CreatingWithBadInput_IsRefusedAtTheField(string? title, string field)
    {
        var result = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder(title, null, [_db.Housing.Id], Priority.Normal, _db.Time.UtcNow.AddDays(1)));
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(field, result.Field);
    }

    [Fact]
    public async Task ADueDateInThePast_IsRefused()
    {
        var result = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Заголовок", null, [_db.Housing.Id], Priority.Normal, _db.Time.UtcNow.AddHours(-1)));
        Assert.Equal("dueAt", result.Field);
        Assert.Contains("прошёл", result.Message);
    }

    [Fact]
    public async Task TwoPeopleActingOnTheSameVersion_OneWins_TheOtherGetsAConflict_AndNothingIsLost()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);

        // The executing head forwards while the author cancels, both from the same screen state.
        var results = await Task.WhenAll(
            Task.Run(() => _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new ForwardOrder(_db.Finance.Id, "Это к финансистам"))),
            Task.Run(() => _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, version, new CancelOrder("Снято с контроля"))));

        Assert.Single(results, r => r.Ok);
        var loser = Assert.Single(results, r => !r.Ok);
        Assert.Equal(Failure.Conflict, loser.Failure);
        Assert.Equal(OrderService.ConflictMessage, loser.Message);

        await using var db = _db.CreateDbContext();
        var stored = await db.Orders.SingleAsync(o => o.Id == order.Id);
        var events = await db.OrderEvents.Where(e => e.OrderId == order.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal(3, events.Count); // created, sent, and exactly one of forwarded / cancelled
        Assert.Equal(stored.Status == OrderStatus.Cancelled ? OrderEventKind.Cancelled : OrderEventKind.Forwarded, events[^1]);
        Assert.Equal(version + 1, stored.Version);
    }

    [Fact]
    public async Task ManyConcurrentAcceptsOfOneVersion_LetExactlyOneThrough()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AssignOrder(_db.HousingClerk.EmployeeId)))));

        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(Failure.Conflict, r.Failure));
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.OrderEvents.CountAsync(e => e.OrderId == order.Id && e.Kind == OrderEventKind.Assigned));
    }

    [Fact]
    public async Task AStaleVersion_IsAConflict_AndChangesNothing()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        Assert.True((await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder())).Ok);

        var stale = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new ForwardOrder(_db.Finance.Id, "Не наше"));

        Assert.Equal(Failure.Conflict, stale.Failure);
        await using var db = _db.CreateDbContext();
        Assert.Equal(_db.Housing.Id, (await db.Orders.SingleAsync(o => o.Id == order.Id)).ExecutingDepartmentId);
    }

    [Fact]
    public async Task TheServer_RefusesWhatThePolicyRefuses_WhateverTheUiShowed()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);

        var clerk = await _db.Orders.ExecuteAsync(_db.HousingClerk, order.Id, version, new AcceptOrder());
        var author = await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, version, new AcceptOrder());
        var stranger = await _db.Orders.ExecuteAsync(_db.FinanceHead, order.Id, version, new AcceptOrder());
        var controller = await _db.Orders.ExecuteAsync(_db.Controller, order.Id, version, new CancelOrder("—"));
        var wrongState = await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, version, new ApproveOrder(5));

        Assert.Equal(Failure.Forbidden, clerk.Failure);
        Assert.Equal(Failure.Forbidden, author.Failure);
        Assert.Equal(Failure.NotFound, stranger.Failure);
        Assert.Equal(Failure.Forbidden, controller.Failure);
        Assert.Equal(Failure.Forbidden, wrongState.Failure);
        Assert.Contains("«Новое»", wrongState.Message);
        Assert.Equal(version, await _db.VersionOfAsync(order.Id));
        Assert.DoesNotContain(_db.Feed.Published, c => c.Kind == OrderChangeKind.Transition);
    }

    [Fact]
    public async Task AssigningSomeoneOutsideTheExecutingDepartment_IsRefused()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var result = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, await _db.VersionOfAsync(order.Id), new AssignOrder(_db.RoadsClerk.EmployeeId));
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Contains("исполняющего подразделения", result.Message);
    }

    [Fact]
    public async Task TheWholeLifeOfAnOrder_EndsDone_WithItsMark()
    {
        var order = await _db.SendRoadsToHousingAsync();
        async Task<int> Do(LiveOrders.Core.Organization.Actor who, OrderCommand command)
        {
            _db.Clock.Advance(TimeSpan.FromHours(1));
            var r = await _db.Orders.ExecuteAsync(who, order.Id, await _db.VersionOfAsync(order.Id), command);
            Assert.True(r.Ok, r.Message);
            return r.Value;
        }
        await Do(_db.HousingHead, new AcceptOrder());
        await Do(_db.HousingHead, new AssignOrder(_db.HousingClerk.EmployeeId));
        await Do(_db.HousingClerk, new SubmitOrder("Сделано"));
        await Do(_db.RoadsHead, new ReturnOrder("Нет фотографий"));
        await Do(_db.HousingClerk, new SubmitOrder("Фото приложены"));
        await Do(_db.RoadsHead, new ApproveOrder(4));

        var details = await _db.Queries.GetAsync(_db.RoadsHead, order.Id);
        Assert.Equal(OrderStatus.Done, details.Value!.Status);
        Assert.Equal(4, details.Value.QualityMark);
        Assert.Equal(8, details.Value.History.Count);
        // A done order is only discussed, and its author may still mark it as holding personal data.
        Assert.Equal([OrderAction.Comment, OrderAction.MarkPersonalData], details.Value.AllowedActions);
    }

    [Fact]
    public async Task Comments_RefuseEmptyAndOversizedText_AndKeepMarkupAsPlainText()
    {
        var order = await _db.SendRoadsToHousingAsync();

        var empty = await _db.Orders.CommentAsync(_db.HousingClerk, order.Id, "   ");
        var huge = await _db.Orders.CommentAsync(_db.HousingClerk, order.Id, new string('а', 20_000));
        var script = await _db.Orders.CommentAsync(_db.HousingClerk, order.Id, "<script>alert(1)</script> **важно**");
        var stranger = await _db.Orders.CommentAsync(_db.FinanceHead, order.Id, "Привет");

        Assert.Equal(Failure.Invalid, empty.Failure);
        Assert.Equal(Failure.Invalid, huge.Failure);
        Assert.Equal(Failure.NotFound, stranger.Failure);
        Assert.True(script.Ok);
        var comments = (await _db.Queries.GetAsync(_db.RoadsHead, order.Id)).Value!.Comments;
        Assert.Equal("<script>alert(1)</script> **важно**", Assert.Single(comments).Text);
    }

    [Fact]
    public async Task Lists_ShowOnlyWhatTheReaderMaySee()
    {
        var order = await _db.SendRoadsToHousingAsync("Видно дорогам и ЖКХ");
        var draft = await _db.SendRoadsToHousingAsync("Черновик дорог", send: false);

        async Task<IEnumerable<int>> Ids(LiveOrders.Core.Organization.Actor a) =>
            (await _db.Queries.ListAsync(a, new OrderFilter(OrderScope.All))).Items.Select(i => i.Id);

        Assert.Contains(order.Id, await Ids(_db.HousingClerk));
        Assert.DoesNotContain(draft.Id, await Ids(_db.HousingClerk));
        Assert.Contains(order.Id, await Ids(_db.Deputy));
        Assert.Contains(order.Id, await Ids(_db.Controller));
        Assert.DoesNotContain(draft.Id, await Ids(_db.Controller));
        Assert.Empty(await Ids(_db.FinanceHead));
        Assert.Equal(Failure.NotFound, (await _db.Queries.GetAsync(_db.FinanceHead, order.Id)).Failure);
    }

    [Fact]
    public async Task Search_FindsRussianTitlesWhateverTheCase()
    {
        await _db.SendRoadsToHousingAsync("Ремонт Кровли школы");
        var page = await _db.Queries.ListAsync(_db.RoadsHead, new OrderFilter(OrderScope.All, Search: "КРОВЛИ"));
        Assert.Equal("Ремонт Кровли школы", Assert.Single(page.Items).Title);
    }

    [Fact]
    public async Task TheLiveFeed_HearsOfAChange_OnlyAfterItCommitted()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var heard = new TaskCompletionSource<OrderStatus>();
        using var subscription = _db.Feed.Subscribe(c => c.OrderId == order.Id && c.Kind == OrderChangeKind.Transition, async change =>
        {
            // By the time a subscriber hears of it, a fresh read already sees it.
            await using var db = _db.CreateDbContext();
            heard.TrySetResult((await db.Orders.SingleAsync(o => o.Id == change.OrderId)).Status);
        });

        await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, await _db.VersionOfAsync(order.Id), new AcceptOrder());

        Assert.Equal(OrderStatus.InProgress, await heard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
