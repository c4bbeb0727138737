using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The webhooks page: creating (a refusal keeps the form), the secret shown once, switching off, the delivery log's filters.</summary>
public sealed class WebhooksPageTests
{
    /// <summary>How long a wait may last before it fails (a look is a few queries; a loaded machine on PostgreSQL is slow).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    private static async Task ChooseKindsAsync(IRenderedComponent<WebhooksPage> page, params WebhookEventKinds[] kinds)
    {
        var select = page.FindComponent<MudSelect<WebhookEventKinds>>();
        await page.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(kinds));
    }

    [Fact]
    public async Task CreateWithABadUrl_ShowsTheRussianMessage_AndKeepsTheForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();

        page.WaitForElement("input[data-testid=webhook-url]", Patience).Change("ftp://sed.example.ru/in");
        await ChooseKindsAsync(page, WebhookEventKinds.Created, WebhookEventKinds.Approved);
        page.Find("[data-testid=webhook-create]").Click();

        var error = page.WaitForElement("[data-testid=webhook-error]", Patience).TextContent;
        Assert.Contains("Адрес получателя должен начинаться с http:// или https://", error);
        Assert.Equal("ftp://sed.example.ru/in", page.Find("input[data-testid=webhook-url]").GetAttribute("value"));
        Assert.Equal([WebhookEventKinds.Created, WebhookEventKinds.Approved], page.FindComponent<MudSelect<WebhookEventKinds>>().Instance.GetState(x => x.SelectedValues));
        Assert.Empty(page.FindAll("[data-testid=webhook-row]"));
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));

        // Corrected, the same form goes through.
        page.Find("input[data-testid=webhook-url]").Change("https://sed.example.ru/in");
        page.Find("[data-testid=webhook-create]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=webhook-row]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=webhook-error]"));
    }

    [Fact]
    public async Task TheSecret_IsShownOnce_AfterCreatingAndAfterReplacing_AndNeverInTheList()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();

        page.WaitForElement("input[data-testid=webhook-url]", Patience).Change("https://sed.example.ru/in");
        await ChooseKindsAsync(page, WebhookEventKinds.Created);
        page.Find("[data-testid=webhook-create]").Click();

        var secret = page.WaitForElement("[data-testid=webhook-secret]", Patience).TextContent;
        await using (var db = database.CreateDbContext())
            Assert.Equal((await db.WebhookSubscriptions.SingleAsync()).Secret, secret);
        Assert.DoesNotContain(secret, page.Find("[data-testid=webhook-row]").OuterHtml + page.Find(".lo-hooklog").OuterHtml);
        // The form is cleared for the next one.
        Assert.True(string.IsNullOrEmpty(page.Find("input[data-testid=webhook-url]").GetAttribute("value")));

        page.Find("[data-testid=webhook-secret-done]").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain(secret, page.Markup), Patience);

        page.Find("[data-testid=webhook-rotate]").Click();
        var replaced = page.WaitForElement("[data-testid=webhook-secret]", Patience).TextContent;
        Assert.NotEqual(secret, replaced);
        Assert.StartsWith("whsec_", replaced);
        // Any other change hides it: it is not shown a second time.
        page.Find("[data-testid=webhook-toggle]").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain(replaced, page.Markup), Patience);
    }

    [Fact]
    public async Task Deactivate_ShowsTheSubscriptionOff_AndWhatHappensToItsQueue_AndReactivates()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var created = await ctx.Services.GetRequiredService<WebhookSubscriptions>()
            .CreateAsync(admin, "https://sed.example.ru/in", WebhookEventKinds.All, null);
        await database.SendRoadsToHousingAsync();
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();

        page.WaitForElement("[data-testid=webhook-toggle]", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal("отключена", page.Find("[data-testid=webhook-state]").TextContent.Trim()), Patience);
        Assert.Contains("очередь (2) ждёт и уйдёт по порядку после включения", page.Find("[data-testid=webhook-off-note]").TextContent);
        Assert.Equal("Включить", page.Find("[data-testid=webhook-toggle]").TextContent.Trim());
        await using (var db = database.CreateDbContext())
            Assert.False((await db.WebhookSubscriptions.SingleAsync(s => s.Id == created.Value!.Id)).Active);

        page.Find("[data-testid=webhook-toggle]").Click();
        page.WaitForAssertion(() => Assert.Equal("включена", page.Find("[data-testid=webhook-state]").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid=webhook-off-note]"));
    }

    [Fact]
    public async Task Delete_AsksFirst_ThenRemovesTheCard_ButKeepsItsLogInTheFilter()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        await ctx.Services.GetRequiredService<WebhookSubscriptions>().CreateAsync(admin, "https://sed.example.ru/in", WebhookEventKinds.All, null);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();

        // A click that comes while the renderer is busy (the log still loading) is handled a moment later: wait for its result.
        page.WaitForElement("[data-testid=webhook-delete]", Patience).Click();
        Assert.Contains("журнал доставки сохранится", page.WaitForElement("[data-testid=webhook-delete-confirm]", Patience).TextContent);
        page.Find("[data-testid=webhook-delete-no]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=webhook-delete-confirm]")), Patience);
        Assert.Single(page.FindAll("[data-testid=webhook-row]"));

        page.Find("[data-testid=webhook-delete]").Click();
        page.WaitForElement("[data-testid=webhook-delete-yes]", Patience).Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=webhook-row]")), Patience);
        // The log's filter still names it (its items render only when the list opens: the parameter says it).
        Assert.Single(page.FindComponent<WebhookLog>().Instance.Subscriptions, s => s.Deleted);
        await using var db = database.CreateDbContext();
        Assert.NotNull((await db.WebhookSubscriptions.SingleAsync()).DeletedAt);
    }

    [Fact]
    public async Task TheLog_FiltersBySubscriptionAndOutcome_ShowsTheBody_AndRetriesWhatWasGivenUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        // One failed try is enough to give up here, so the log has something to retry.
        await using var ctx = await ComponentTest.CreateAsync(database, admin, new Dictionary<string, string?> { ["Webhooks:GiveUpAfterAttempts"] = "1" });
        using var receiver = new WebhookReceiver().Start();
        var service = ctx.Services.GetRequiredService<WebhookSubscriptions>();
        var good = (await service.CreateAsync(admin, receiver.Url, WebhookEventKinds.All, null)).Value!;
        var down = (await service.CreateAsync(admin, $"http://127.0.0.1:{Ports.Free()}/hook", WebhookEventKinds.All, null)).Value!;
        await database.SendRoadsToHousingAsync();
        await ctx.Services.GetRequiredService<WebhookSender>().DeliverDueAsync();
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();

        // Receiver № 1 took both events; № 2 refused the first, which was given up, then the second.
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);
        var outcome = page.FindComponent<MudSelect<WebhookLogOutcome>>();
        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(WebhookLogOutcome.Failed));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);
        Assert.All(page.FindAll("[data-testid=webhook-attempt]"), r => Assert.Equal(down.Id.ToString(), r.GetAttribute("data-subscription-id")));
        Assert.All(page.FindAll("[data-testid=webhook-attempt-state]"), s => Assert.Equal("отказ", s.TextContent.Trim()));

        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(WebhookLogOutcome.All));
        var subscription = page.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "Подписка");
        await page.InvokeAsync(() => subscription.Instance.ValueChanged.InvokeAsync(good.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);
        Assert.All(page.FindAll("[data-testid=webhook-attempt-answer]"), a => Assert.StartsWith("204", a.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=webhook-retry]"));

        page.FindAll("[data-testid=webhook-payload-toggle]")[0].Click();
        var payload = page.WaitForElement("[data-testid=webhook-payload]", Patience).TextContent;
        Assert.Contains("\"sequence\": 2", payload);
        Assert.Contains("\"kind\": \"sent\"", payload);
        Assert.DoesNotContain(good.Secret, page.Markup);
        Assert.DoesNotContain(down.Secret, page.Markup);

        await page.InvokeAsync(() => subscription.Instance.ValueChanged.InvokeAsync(down.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=webhook-retry]").Count), Patience);
        page.FindAll("[data-testid=webhook-retry]")[0].Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=webhook-retry]")), Patience);
        page.WaitForAssertion(() => Assert.Contains("В очереди: 1", page.FindAll("[data-testid=webhook-pending]")[1].TextContent), Patience);
    }

    [Fact]
    public async Task TheLogAndTheCards_FollowTheSendersNotifications_KeepingTheFiltersAndOpenBodies_AndRenderNothingWhenNothingChanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Unavailable }.Start();
        using var other = new WebhookReceiver().Start();
        var service = ctx.Services.GetRequiredService<WebhookSubscriptions>();
        var sender = ctx.Services.GetRequiredService<WebhookSender>();
        var watched = (await service.CreateAsync(admin, receiver.Url, WebhookEventKinds.All, null)).Value!;
        await service.CreateAsync(admin, other.Url, WebhookEventKinds.All, null);
        await database.SendRoadsToHousingAsync();
        // The watched receiver answers 503 to «created» («sent» waits behind it); the other takes both.
        await sender.DeliverDueAsync();
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);

        // The administrator watches the failing receiver, with the failed try's body open.
        var subscription = page.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "Подписка");
        await page.InvokeAsync(() => subscription.Instance.ValueChanged.InvokeAsync(watched.Id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=webhook-attempt]")), Patience);
        page.Find("[data-testid=webhook-payload-toggle]").Click();
        page.WaitForElement("[data-testid=webhook-payload]", Patience);
        var log = page.FindComponent<WebhookLog>();
        var card = page.FindComponents<WebhookSubscriptionCard>()[0];
        var (logRenders, cardRenders, looks) = (log.RenderCount, card.RenderCount, page.Instance.Looks);

        // Another try fails (recorded here by hand, as a sender on another node would): nobody told, nothing is read,
        // however long the page stays open (the poll would have found it within 3 s).
        await using (var db = database.CreateDbContext())
        {
            db.WebhookAttempts.Add(new WebhookAttempt((await db.WebhookDeliveries.OrderBy(d => d.Id).FirstAsync(d => d.SubscriptionId == watched.Id)).Id,
                database.Clock.GetUtcNow().UtcDateTime, 503, "Получатель ответил 503.", 1));
            await db.SaveChangesAsync();
        }
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(page.FindAll("[data-testid=webhook-attempt]"));

        // Told, the page reads it once the settle time has passed on the clock, not before; only the log renders.
        var activity = ctx.Services.GetRequiredService<WebhookActivity>();
        var timers = database.Clock.PendingTimers;
        activity.Notify();
        activity.Notify();
        Assert.Equal(timers + 1, database.Clock.PendingTimers);
        database.Clock.Advance(WebhooksPage.Settle - TimeSpan.FromMilliseconds(1));
        Assert.Equal(looks, page.Instance.Looks);
        database.Clock.Advance(TimeSpan.FromMilliseconds(1));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);
        Assert.True(SpinWait.SpinUntil(() => page.Instance.Looks == looks + 1, Patience));
        Assert.True(log.RenderCount > logRenders);
        Assert.Equal(cardRenders, card.RenderCount);
        Assert.Single(page.FindAll("[data-testid=webhook-payload]"));

        // A notification with nothing new behind it: a look that renders nothing.
        (logRenders, looks) = (log.RenderCount, page.Instance.Looks);
        activity.Notify();
        database.Clock.Advance(WebhooksPage.Settle);
        // (A look that renders nothing wakes no WaitForAssertion: its end is waited for by its count.)
        Assert.True(SpinWait.SpinUntil(() => page.Instance.Looks > looks, Patience));
        Assert.Equal(logRenders, log.RenderCount);
        Assert.Equal(cardRenders, card.RenderCount);

        // The receiver comes back: both its deliveries (two notifications, one look), and the card's emptied queue,
        // appear without a reload.
        receiver.Mode = WebhookReceiver.Behaviour.Ok;
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        looks = page.Instance.Looks;
        Assert.Equal(2, await sender.DeliverDueAsync());
        database.Clock.Advance(WebhooksPage.Settle);
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=webhook-attempt]").Count), Patience);
        page.WaitForAssertion(() => Assert.Contains("В очереди: 0", page.FindAll("[data-testid=webhook-pending]")[0].TextContent), Patience);
        Assert.Equal(looks + 1, page.Instance.Looks);
        Assert.All(page.FindAll("[data-testid=webhook-attempt]"), r => Assert.Equal(watched.Id.ToString(), r.GetAttribute("data-subscription-id")));
        Assert.Equal(watched.Id, subscription.Instance.GetState(x => x.Value));
        Assert.Equal(["204", "204", "503", "503"], page.FindAll("[data-testid=webhook-attempt-answer]").Select(a => a.TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=webhook-payload]"));
    }

    [Fact]
    public async Task ASubscriptionSwitchedOffByAnotherAdministrator_ShowsOff_WithoutAReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var service = ctx.Services.GetRequiredService<WebhookSubscriptions>();
        var created = (await service.CreateAsync(admin, "https://sed.example.ru/in", WebhookEventKinds.All, null)).Value!;
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Equal("включена", page.Find("[data-testid=webhook-state]").TextContent.Trim()), Patience);
        page.WaitForElement("[data-testid=webhook-log-empty]", Patience);

        Assert.True((await service.SetActiveAsync(admin, created.Id, false)).Ok);
        database.Clock.Advance(WebhooksPage.Settle);

        page.WaitForAssertion(() => Assert.Equal("отключена", page.Find("[data-testid=webhook-state]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task DeliveriesQueuedByAnOrderChange_ShowInTheCardsCount_WithoutAnAttempt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        await ctx.Services.GetRequiredService<WebhookSubscriptions>().CreateAsync(admin, "https://sed.example.ru/in", WebhookEventKinds.All, null);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Contains("В очереди: 0", page.Find("[data-testid=webhook-pending]").TextContent), Patience);
        page.WaitForElement("[data-testid=webhook-log-empty]", Patience);

        // The order's two events are queued in its own transaction; no sender has tried them (the receiver waits, say,
        // behind a backoff): only the live feed says something changed.
        var timers = database.Clock.PendingTimers;
        await database.SendRoadsToHousingAsync();
        // (The feed hands the change to its subscribers on their own task: the page's wait starts when it has heard.)
        Assert.True(SpinWait.SpinUntil(() => database.Clock.PendingTimers == timers + 1, Patience));
        database.Clock.Advance(WebhooksPage.Settle);

        page.WaitForAssertion(() => Assert.Contains("В очереди: 2", page.Find("[data-testid=webhook-pending]").TextContent), Patience);
    }

    [Fact]
    public async Task ThePage_ListensOnceInteractive_AndStopsWithThePage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var activity = ctx.Services.GetRequiredService<WebhookActivity>();
        ctx.Render<MudPopoverProvider>();
        var before = database.Clock.PendingTimers;
        var page = ctx.Render<WebhooksPage>();
        page.WaitForElement("[data-testid=webhook-log-empty]", Patience);
        // Listening, the page starts no timer until it is told of a change.
        Assert.Equal(before, database.Clock.PendingTimers);
        Assert.True(SpinWait.SpinUntil(() =>
        {
            activity.Notify();
            return database.Clock.PendingTimers == before + 1;
        }, Patience));

        await ctx.DisposeComponentsAsync();

        Assert.Equal(before, database.Clock.PendingTimers);
        activity.Notify();
        Assert.Equal(before, database.Clock.PendingTimers);
    }

    [Fact]
    public async Task AnyoneButAnAdministrator_GetsNoForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var page = ctx.Render<WebhooksPage>();
        page.WaitForElement("[data-testid=admin-only]", Patience);
        Assert.Empty(page.FindAll("[data-testid=webhook-create]"));
        Assert.Empty(page.FindAll("[data-testid=webhook-log]"));
    }
}
