using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Board;

/// <summary>
/// The board as a person sees it, over the real services, policy and <see cref="BoardState"/>: the database,
/// the clock and the feed are the test's (changes made through the service reach the board over the feed).
/// </summary>
public sealed class DepartmentBoardTests
{
    private static async Task<IRenderedComponent<ContainerFragment>> RenderBoardAsync(BunitContext ctx, TestDatabase database, Actor actor)
    {
        var cut = ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(1);
            b.CloseComponent();
            b.OpenComponent<DepartmentBoard>(2);
            b.AddAttribute(3, nameof(DepartmentBoard.DepartmentId), database.Housing.Id);
            b.AddAttribute(4, nameof(DepartmentBoard.Actor), actor);
            b.CloseComponent();
        });
        await Task.CompletedTask;
        cut.WaitForElement("[data-testid=column-New]");
        return cut;
    }

    private static IElement CardIn(IRenderedComponent<ContainerFragment> cut, OrderStatus column, int id) =>
        cut.Find($"[data-testid=column-{column}] [data-testid=card][data-order-id='{id}']");

    private static int[] IdsIn(IRenderedComponent<ContainerFragment> cut, OrderStatus column) =>
        cut.FindAll($"[data-testid=column-{column}] [data-testid=card]").Select(c => int.Parse(c.GetAttribute("data-order-id")!)).ToArray();

    private static async Task<int> AcceptAsync(TestDatabase database, int id, Actor? by = null)
    {
        var result = await database.Orders.ExecuteAsync(by ?? database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder());
        Assert.True(result.Ok, result.Message);
        return result.Value;
    }

    private static async Task AssignAsync(TestDatabase database, int id, Actor to)
    {
        var result = await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AssignOrder(to.EmployeeId));
        Assert.True(result.Ok, result.Message);
    }

    /// <summary>Drags a card onto a column as the browser reports it: a drag start on the card, a drop on the column's zone.</summary>
    private static void Drag(IRenderedComponent<ContainerFragment> cut, OrderStatus from, int id, OrderStatus to)
    {
        CardIn(cut, from, id).ParentElement!.DragStart();
        cut.Find($"[data-testid=column-{to}] [data-testid=zone]").Drop();
    }

    [Fact]
    public async Task EachCard_IsInTheColumnOfItsStatus()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fresh = await database.SendRoadsToHousingAsync("Новое");
        var accepted = await database.SendRoadsToHousingAsync("Принятое");
        await AcceptAsync(database, accepted.Id);
        await database.SendRoadsToHousingAsync("Черновик", send: false);
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);

        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        Assert.Equal([fresh.Id], IdsIn(cut, OrderStatus.New));
        Assert.Equal([accepted.Id], IdsIn(cut, OrderStatus.InProgress));
        Assert.Empty(IdsIn(cut, OrderStatus.OnReview));
        Assert.Equal("1", cut.Find("[data-testid=column-New] [data-testid=count]").TextContent);
        Assert.Contains("Нет поручений", cut.Find("[data-testid=column-Done]").TextContent);
    }

    [Fact]
    public async Task TheMineFilter_KeepsOnlyTheCardsThePersonIsResponsibleFor()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await database.SendRoadsToHousingAsync("Моё");
        await AssignAsync(database, mine.Id, database.HousingClerk);
        var other = await database.SendRoadsToHousingAsync("Чужое");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = await RenderBoardAsync(ctx, database, database.HousingClerk);
        Assert.Equal(2, cut.FindAll("[data-testid=card]").Count);

        cut.Find("input[data-testid=filter-mine]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal([mine.Id], cut.FindAll("[data-testid=card]").Select(c => int.Parse(c.GetAttribute("data-order-id")!))));
        Assert.DoesNotContain(cut.FindAll("[data-testid=card]"), c => c.GetAttribute("data-order-id") == other.Id.ToString());
    }

    [Fact]
    public async Task TheExportMenu_DownloadsTheBoardWithTheFilterOnScreen()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Для выгрузки");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        cut.Find("input[data-testid=filter-mine]").Change(true);
        cut.Find("input[data-testid=filter-week]").Change(true);
        cut.Find("[data-testid=export-menu] button").Click();

        var xlsx = cut.WaitForElement("[data-testid=export-xlsx]");
        Assert.Equal(LiveOrders.Web.Infrastructure.BoardExportDownload.Url(LiveOrders.Core.Exports.ExportFormat.Xlsx, database.Housing.Id,
            new BoardFilter(Mine: true, DueThisWeek: true)), xlsx.GetAttribute("href"));
        Assert.Contains("mine=1", xlsx.GetAttribute("href"));
    }

    [Fact]
    public async Task TheOverdueFilter_KeepsOnlyTheRedCards()
    {
        await using var database = await TestDatabase.CreateAsync();
        var late = await database.SendRoadsToHousingAsync("Просроченное");
        database.Clock.Advance(TimeSpan.FromDays(2));
        var onTime = await database.SendRoadsToHousingAsync("В срок");
        database.Clock.Advance(TimeSpan.FromDays(1.5));
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        cut.Find("input[data-testid=filter-overdue]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal([late.Id], IdsIn(cut, OrderStatus.New)));
        Assert.Contains("lo-overdue", CardIn(cut, OrderStatus.New, late.Id).ClassList);
        Assert.NotEqual(late.Id, onTime.Id);
    }

    [Fact]
    public async Task ThePriorityAndExecutorFilters_NarrowTheBoard()
    {
        await using var database = await TestDatabase.CreateAsync();
        var urgent = (await database.Orders.CreateAsync(database.RoadsHead, new NewOrder("Срочное", "Текст", [database.Housing.Id], Priority.Urgent,
            database.Time.UtcNow.AddDays(3), SendNow: true))).Value![0];
        var assigned = await database.SendRoadsToHousingAsync("Назначенное");
        await AssignAsync(database, assigned.Id, database.HousingClerk);
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);
        var bar = cut.FindComponent<BoardFilterBar>();

        await cut.InvokeAsync(() => bar.Instance.FilterChanged.InvokeAsync(new BoardFilter(Priority: Priority.Urgent)));
        cut.WaitForAssertion(() => Assert.Equal([urgent.Id], IdsIn(cut, OrderStatus.New)));

        Assert.Contains(bar.Instance.Executors, e => e.Value == database.HousingClerk.EmployeeId);
        await cut.InvokeAsync(() => bar.Instance.FilterChanged.InvokeAsync(new BoardFilter(ExecutorId: database.HousingClerk.EmployeeId)));
        cut.WaitForAssertion(() => Assert.Equal([assigned.Id], IdsIn(cut, OrderStatus.New)));
    }

    [Fact]
    public async Task Swimlanes_ShowOneRowPerExecutor()
    {
        await using var database = await TestDatabase.CreateAsync();
        var assigned = await database.SendRoadsToHousingAsync("Назначенное");
        await AssignAsync(database, assigned.Id, database.HousingClerk);
        var free = await database.SendRoadsToHousingAsync("Свободное");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        cut.Find("input[data-testid=swimlanes]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lane]").Count));
        var lanes = cut.FindAll("[data-testid=lane]").Select(l => l.TextContent).ToList();
        Assert.StartsWith("Жилищный Сотрудник", lanes[0]);
        Assert.StartsWith(BoardState.Unassigned, lanes[1]);
        var boards = cut.FindAll("[data-testid=board]");
        Assert.Contains($"data-order-id=\"{assigned.Id}\"", boards[0].InnerHtml);
        Assert.Contains($"data-order-id=\"{free.Id}\"", boards[1].InnerHtml);
    }

    [Fact]
    public async Task TheWipWarning_ShowsWhenAColumnExceedsItsLimit_AlsoInSwimlaneMode()
    {
        await using var database = await TestDatabase.CreateAsync();
        foreach (var title in new[] { "Первое", "Второе" })
        {
            var order = await database.SendRoadsToHousingAsync(title);
            await AcceptAsync(database, order.Id);
        }
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead,
            new Dictionary<string, string?> { ["Board:WipLimits:InProgress"] = "1", ["Board:WipLimits:New"] = "5" });
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        var warning = cut.Find("[data-testid=column-InProgress] [data-testid=wip-warning]");
        Assert.Contains("лимит 1 превышен", warning.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=column-New] [data-testid=wip-warning]"));

        cut.Find("input[data-testid=swimlanes]").Change(true);

        cut.WaitForAssertion(() => Assert.Contains("лимит 1 превышен", cut.Find("[data-testid=total-InProgress] [data-testid=wip-warning]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=wip-warning]"));
    }

    [Fact]
    public async Task AChangeMadeElsewhere_LandsOnTheRightCard()
    {
        await using var database = await TestDatabase.CreateAsync();
        var moving = await database.SendRoadsToHousingAsync("Будет принято");
        var staying = await database.SendRoadsToHousingAsync("Останется");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = await RenderBoardAsync(ctx, database, database.HousingClerk);

        await AcceptAsync(database, moving.Id);

        cut.WaitForAssertion(() => Assert.Equal([moving.Id], IdsIn(cut, OrderStatus.InProgress)));
        Assert.Equal([staying.Id], IdsIn(cut, OrderStatus.New));
    }

    [Fact]
    public async Task ANewOrder_Appears_AndAForwardedOne_Leaves_WithoutAReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        var forwarded = await database.SendRoadsToHousingAsync("Уйдёт в финансы");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = await RenderBoardAsync(ctx, database, database.HousingClerk);

        var created = await database.SendRoadsToHousingAsync("Появится");
        cut.WaitForAssertion(() => Assert.Contains(created.Id, IdsIn(cut, OrderStatus.New)));

        var result = await database.Orders.ExecuteAsync(database.HousingHead, forwarded.Id, await database.VersionOfAsync(forwarded.Id),
            new ForwardOrder(database.Finance.Id, "Не наша компетенция"));
        Assert.True(result.Ok, result.Message);
        cut.WaitForAssertion(() => Assert.Equal([created.Id], IdsIn(cut, OrderStatus.New)));
    }

    [Fact]
    public async Task ADragTheLifecycleDoesNotAllow_IsRefusedWithItsReason_AndTheCardStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        var version = await database.VersionOfAsync(order.Id);
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        Drag(cut, OrderStatus.New, order.Id, OrderStatus.Done);

        cut.WaitForAssertion(() => Assert.Contains("Сначала примите поручение в работу.", cut.Find("[data-testid=board-message]").TextContent));
        Assert.Equal([order.Id], IdsIn(cut, OrderStatus.New));
        Assert.Contains("Перемещение не выполнено. Сначала примите поручение в работу.", cut.Markup);   // the toast
        Assert.Equal(version, await database.VersionOfAsync(order.Id));
    }

    [Fact]
    public async Task ADragThePolicyRefuses_ShowsTheServicesReason_AndTheCardStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        var version = await database.VersionOfAsync(order.Id);
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = await RenderBoardAsync(ctx, database, database.HousingClerk);

        Drag(cut, OrderStatus.New, order.Id, OrderStatus.InProgress);

        cut.WaitForAssertion(() => Assert.Contains("вам недоступно", cut.Find("[data-testid=board-message]").TextContent));
        Assert.Equal([order.Id], IdsIn(cut, OrderStatus.New));
        Assert.Equal(version, await database.VersionOfAsync(order.Id));
    }

    [Fact]
    public async Task AnAllowedDrag_MovesTheCard_ThroughTheService()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        Drag(cut, OrderStatus.New, order.Id, OrderStatus.InProgress);

        cut.WaitForAssertion(() => Assert.Equal([order.Id], IdsIn(cut, OrderStatus.InProgress)));
        Assert.Empty(cut.FindAll("[data-testid=board-message]"));
        var details = await database.Queries.GetAsync(database.HousingHead, order.Id);
        Assert.Equal(OrderStatus.InProgress, details.Value!.Status);
    }

    [Fact]
    public async Task ShowMore_RendersTheNextCardsOfTheColumn()
    {
        await using var database = await TestDatabase.CreateAsync();
        for (var i = 0; i < 3; i++) await database.SendRoadsToHousingAsync($"Поручение {i}");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead,
            new Dictionary<string, string?> { ["Board:CardsPerColumn"] = "2" });
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);
        Assert.Equal(2, IdsIn(cut, OrderStatus.New).Length);
        Assert.Equal("3", cut.Find("[data-testid=column-New] [data-testid=count]").TextContent);

        var more = cut.Find("[data-testid=column-New] [data-testid=show-more]");
        Assert.Contains("Показать ещё (1)", more.TextContent);
        more.Click();

        cut.WaitForAssertion(() => Assert.Equal(3, IdsIn(cut, OrderStatus.New).Length));
        Assert.Empty(cut.FindAll("[data-testid=show-more]"));
    }

    [Fact]
    public async Task ACard_TurnsAmberAndThenRed_AtItsInstant_ByTheBoardsOwnTimer()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();   // due in three days, reminded 24 h before
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);
        Assert.DoesNotContain("lo-due-soon", CardIn(cut, OrderStatus.New, order.Id).ClassList);

        database.Clock.Advance(TimeSpan.FromDays(2));
        cut.WaitForAssertion(() => Assert.Contains("lo-due-soon", CardIn(cut, OrderStatus.New, order.Id).ClassList));

        database.Clock.Advance(TimeSpan.FromDays(1));
        cut.WaitForAssertion(() => Assert.Contains("lo-overdue", CardIn(cut, OrderStatus.New, order.Id).ClassList));
    }

    [Fact]
    public async Task AWorkingTimeCard_TurnsAmberAtItsReminderInstant_OnFriday_ByTheBoardsOwnTimer()
    {
        await using var database = await TestDatabase.CreateAsync();
        int typeId;
        await using (var db = database.CreateDbContext())
        {
            var type = new OrderType("Поручение главы", new Term(10, TermKind.WorkingDays), countsWorkingTime: true);
            db.OrderTypes.Add(type);
            await db.SaveChangesAsync();
            typeId = type.Id;
        }
        DateTime Local(int day, int hour, int minute = 0, int second = 0) =>
            database.Time.ToUtc(new DateTime(2026, 3, day, hour, minute, second));
        var due = Local(16, 10);   // Monday 16 March 10:00: reminded 24 working hours before, Friday 13 March 10:00
        var created = await database.Orders.CreateAsync(database.RoadsHead,
            new NewOrder("Подготовить справку", "Текст", [database.Housing.Id], Priority.Normal, due, TypeId: typeId));
        Assert.True(created.Ok, created.Message);
        var id = created.Value![0].Id;
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        // Half a minute before: the board has repainted (the countdown says so) and the card is not amber yet.
        database.Clock.Set(new DateTimeOffset(Local(13, 9, 59, 30), TimeSpan.Zero));
        cut.WaitForAssertion(() => Assert.Equal("через 3 д 0 ч", CardIn(cut, OrderStatus.New, id).QuerySelector(".lo-card-due")!.TextContent.Trim()));
        Assert.DoesNotContain("lo-due-soon", CardIn(cut, OrderStatus.New, id).ClassList);

        // The instant itself, before the next minute's tick: only the board's urgency timer can repaint it now.
        database.Clock.Set(new DateTimeOffset(Local(13, 10), TimeSpan.Zero));
        cut.WaitForAssertion(() => Assert.Contains("lo-due-soon", CardIn(cut, OrderStatus.New, id).ClassList));
    }

    [Fact]
    public async Task TheCardsMenu_OffersExactlyTheAllowedMove_AndMakesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);

        CardIn(cut, OrderStatus.New, order.Id).QuerySelector("[data-testid=card-move] button")!.Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid^=move-]")));
        Assert.Contains("В работе", cut.Find("[data-testid=move-InProgress]").TextContent);
        cut.Find("[data-testid=move-InProgress]").Click();
        cut.WaitForAssertion(() => Assert.Equal([order.Id], IdsIn(cut, OrderStatus.InProgress)));
    }

    [Fact]
    public async Task TheCardsMenu_OffersNoMove_ToSomeoneThePolicyRefuses()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var cut = await RenderBoardAsync(ctx, database, database.HousingClerk);

        CardIn(cut, OrderStatus.New, order.Id).QuerySelector("[data-testid=card-move] button")!.Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=no-moves]")));
        Assert.Empty(cut.FindAll("[data-testid^=move-]"));
    }

    [Fact]
    public async Task AReloadThatFails_SaysTheBoardMayBeOutOfDate_InsteadOfPassingOldCardsOffAsCurrent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var source = new Control.SwitchableDataSource(database);
        ctx.Services.AddSingleton(new OrderQueries(source, database.Time));
        var cut = await RenderBoardAsync(ctx, database, database.HousingHead);
        Assert.Empty(cut.FindAll("[data-testid=board-stale]"));

        source.Down = true;
        database.Feed.Publish(LiveOrders.Core.Live.OrderChanged.Resync(database.Time.UtcNow));

        cut.WaitForElement("[data-testid=board-stale]");
    }
}
