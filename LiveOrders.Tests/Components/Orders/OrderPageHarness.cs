using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using OrderPage = LiveOrders.Web.Components.Orders.OrderPage;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>
/// The order page as a person sees it: MudBlazor's providers (dialogs and toasts render there, not in the page)
/// and the page itself, for one signed-in person over a real database.
/// </summary>
public sealed class OrderPageHarness : IAsyncDisposable
{
    private OrderPageHarness(BunitContext ctx, IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<MudSnackbarProvider> toasts)
        => (Context, Dialogs, Toasts) = (ctx, dialogs, toasts);

    public BunitContext Context { get; }
    public IRenderedComponent<MudDialogProvider> Dialogs { get; }
    public IRenderedComponent<MudSnackbarProvider> Toasts { get; }

    public static async Task<OrderPageHarness> CreateAsync(TestDatabase database, Actor viewer)
    {
        var ctx = await ComponentTest.CreateAsync(database, viewer);
        ctx.Render<MudPopoverProvider>();
        return new OrderPageHarness(ctx, ctx.Render<MudDialogProvider>(), ctx.Render<MudSnackbarProvider>());
    }

    /// <summary>Renders /orders/{id} and waits until the order is shown.</summary>
    public IRenderedComponent<OrderPage> Open(int orderId)
    {
        var page = Context.Render<OrderPage>(p => p.Add(x => x.Id, orderId));
        page.WaitForElement($"[data-testid=order][data-order-id='{orderId}']");
        return page;
    }

    /// <summary>The action buttons the page offers, by their <see cref="OrderAction"/>.</summary>
    public static IReadOnlyList<OrderAction> OfferedActions(IRenderedComponent<OrderPage> page) =>
        page.FindAll("[data-testid^=action-]")
            .Select(b => Enum.Parse<OrderAction>(b.GetAttribute("data-testid")!["action-".Length..]))
            .Order().ToList();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

/// <summary>Orders in every state of the lifecycle, made through the real service as people would.</summary>
public static class OrderStates
{
    public const string PendingExtension = "InProgress+extension";

    public static async Task<Dictionary<string, int>> CreateAllAsync(TestDatabase database)
    {
        var o = database.Orders;
        async Task<int> Sent(string title) => (await database.SendRoadsToHousingAsync(title)).Id;
        async Task Do(Actor actor, int id, OrderCommand command)
        {
            var result = await o.ExecuteAsync(actor, id, await database.VersionOfAsync(id), command);
            Assert.True(result.Ok, result.Message);
        }

        var draft = (await database.SendRoadsToHousingAsync("Черновик", send: false)).Id;
        var fresh = await Sent("Новое");
        var inWork = await Sent("В работе");
        await Do(database.HousingHead, inWork, new AcceptOrder());
        var assigned = await Sent("В работе у сотрудника");
        await Do(database.HousingHead, assigned, new AcceptOrder());
        await Do(database.HousingHead, assigned, new AssignOrder(database.HousingClerk.EmployeeId));
        var extension = await Sent("Просят продлить");
        await Do(database.HousingHead, extension, new AcceptOrder());
        await Do(database.HousingHead, extension, new RequestExtension(database.Time.UtcNow.AddDays(10), "Подрядчик задерживает материалы"));
        var review = await Sent("На проверке");
        await Do(database.HousingHead, review, new AcceptOrder());
        await Do(database.HousingHead, review, new SubmitOrder("Готово"));
        var done = await Sent("Исполнено");
        await Do(database.HousingHead, done, new AcceptOrder());
        await Do(database.HousingHead, done, new SubmitOrder());
        await Do(database.RoadsHead, done, new ApproveOrder(5));
        var declined = await Sent("Отклонено");
        await Do(database.HousingHead, declined, new DeclineOrder("Не наша компетенция"));
        var cancelled = await Sent("Отменено");
        await Do(database.RoadsHead, cancelled, new CancelOrder("Больше не нужно"));

        return new()
        {
            ["Draft"] = draft, ["New"] = fresh, ["InProgress"] = inWork, ["InProgress+assigned"] = assigned,
            [PendingExtension] = extension, ["OnReview"] = review, ["Done"] = done, ["Declined"] = declined, ["Cancelled"] = cancelled,
        };
    }

    public static async Task<Order> LoadAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateDbContext();
        return await db.Orders.Include(x => x.CoExecutors).AsNoTracking().SingleAsync(x => x.Id == id);
    }
}
