using System.Text.Json;
using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>
/// What an administrator does with a subscription (switch off and on, replace the secret, delete, test, retry) and what
/// the sender does with a delivery that never gets through (gives it up; docs/decisions/009), against a real receiver.
/// </summary>
public sealed class WebhookAdministrationTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private Actor _admin = default!;
    private readonly WebhookReceiver _receiver = new();
    private readonly WebhookOptions _options = new() { FirstBackoff = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromMinutes(10) };

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = _db.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        _admin = new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    public async Task DisposeAsync()
    {
        _receiver.Dispose();
        await _db.DisposeAsync();
    }

    private readonly WebhookActivity _activity = new();
    private WebhookSender Sender() => new(_db, _db.Time, _db.Feed, _activity, Options.Create(_options), NullLogger<WebhookSender>.Instance);
    private WebhookSubscriptions Subscriptions() => new(_db, _db.Time, Options.Create(_options), Sender(), _activity);

    private async Task<CreatedSubscription> SubscribeAsync(string url)
    {
        var created = await Subscriptions().CreateAsync(_admin, url, WebhookEventKinds.All, null);
        Assert.True(created.Ok, created.Message);
        return created.Value!;
    }

    private static (long Id, int Sequence, string Kind) Parse(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (root.GetProperty("id").GetInt64(), root.GetProperty("sequence").GetInt32(), root.GetProperty("kind").GetString()!);
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.WebhookDeliveries.OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>The webhook administration's entries (order changes have theirs in the same log).</summary>
    private async Task<List<string>> AuditActionsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.AuditEntries.Where(a => a.EntityType == nameof(WebhookSubscription) || a.Action.StartsWith("webhook.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task ADeliveryFailingPastGiveUpAfter_IsGivenUp_AndNoLongerHoldsBackItsOrder_WhoseLaterEventsShowTheGapBySequence()
    {
        var subscription = await SubscribeAsync(_receiver.Url);
        var sender = Sender();
        var order = await _db.SendRoadsToHousingAsync();
        // The receiver is down: «created» fails, «sent» waits behind it.
        Assert.Equal(0, await sender.DeliverDueAsync());
        _db.Clock.Advance(TimeSpan.FromDays(2.5));
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, await _db.VersionOfAsync(order.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);

        // Three days after the first two events: each fails once more and is given up; «accepted» is only half a day old.
        _db.Clock.Advance(TimeSpan.FromDays(0.5));
        Assert.Equal(0, await sender.DeliverDueAsync());
        var deliveries = await DeliveriesAsync();
        Assert.Equal([WebhookDeliveryState.GivenUp, WebhookDeliveryState.GivenUp, WebhookDeliveryState.Queued], deliveries.Select(d => d.State));
        Assert.All(deliveries.Take(2), d => Assert.NotNull(d.FailedAt));

        _receiver.Start();
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sender.DeliverDueAsync());
        var received = _receiver.Accepted.Select(r => Parse(r.Body)).ToList();
        Assert.Equal([(deliveries[2].Id, 3, "accepted")], received);

        // The log shows what was given up, and offers «Повторить» once per given-up delivery.
        var givenUp = await Subscriptions().LogAsync(_admin, new WebhookLogFilter(subscription.Id, WebhookLogOutcome.GivenUp));
        Assert.Equal(3, givenUp.Count); // «created» tried twice, «sent» once (it waited behind «created» at first)
        Assert.All(givenUp, a => Assert.Equal(WebhookDeliveryState.GivenUp, a.State));
        Assert.Equal([deliveries[1].Id, deliveries[0].Id], givenUp.Where(a => a.Retriable).Select(a => a.DeliveryId));

        // «Повторить»: the same id, sequence and body, arriving after the later event.
        Assert.True((await Subscriptions().RetryAsync(_admin, deliveries[0].Id)).Ok);
        Assert.Equal(1, await sender.DeliverDueAsync());
        Assert.Equal((deliveries[0].Id, 1, "created"), Parse(_receiver.Accepted.Last().Body));
        Assert.Equal((await DeliveriesAsync())[0].Payload, _receiver.Accepted.Last().Body);
        Assert.Equal(WebhookDeliveryState.Delivered, (await DeliveriesAsync())[0].State);
        Assert.Equal(Failure.Conflict, (await Subscriptions().RetryAsync(_admin, deliveries[0].Id)).Failure);
        Assert.Contains("webhook.delivery-retried", await AuditActionsAsync());
    }

    [Fact]
    public async Task GiveUpAfterAttempts_GivesUpAfterThatManyFailedTries()
    {
        _options.GiveUpAfterAttempts = 2;
        _receiver.Mode = WebhookReceiver.Behaviour.Unavailable;
        _receiver.Start();
        await SubscribeAsync(_receiver.Url);
        await _db.SendRoadsToHousingAsync();
        var sender = Sender();

        await sender.DeliverDueAsync();
        Assert.Equal(WebhookDeliveryState.Queued, (await DeliveriesAsync())[0].State);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.DeliverDueAsync();

        var first = (await DeliveriesAsync())[0];
        Assert.Equal(WebhookDeliveryState.GivenUp, first.State);
        Assert.Equal(2, first.Attempts);
        Assert.Equal("Получатель ответил 503.", first.LastError);
    }

    [Fact]
    public async Task Deactivated_SendsNothing_AndQueuesNothingNew_Reactivated_SendsWhatWasQueued_InOrder()
    {
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);
        var order = await _db.SendRoadsToHousingAsync();

        Assert.True((await Subscriptions().SetActiveAsync(_admin, subscription.Id, false)).Ok);
        Assert.True((await _db.Orders.CommentAsync(_db.RoadsHead, order.Id, "Пока подписка отключена")).Ok);
        Assert.Equal(0, await Sender().DeliverDueAsync());
        Assert.Equal(0, _receiver.Requests);
        Assert.Equal(2, (await DeliveriesAsync()).Count);
        Assert.False((await Subscriptions().ListAsync(_admin)).Single().Active);

        Assert.True((await Subscriptions().SetActiveAsync(_admin, subscription.Id, true)).Ok);
        Assert.Equal(2, await Sender().DeliverDueAsync());
        Assert.Equal([(1, "created"), (2, "sent")], _receiver.Accepted.Select(r => Parse(r.Body)).Select(r => (r.Sequence, r.Kind)));
        Assert.Equal(["webhook.created", "webhook.deactivated", "webhook.reactivated"], await AuditActionsAsync());
    }

    [Fact]
    public async Task RotatedSecret_SignsTheDeliveriesAlreadyQueued_AndIsShownOnce_NotLogged()
    {
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);
        await _db.SendRoadsToHousingAsync();

        var rotated = await Subscriptions().RotateSecretAsync(_admin, subscription.Id);
        Assert.True(rotated.Ok, rotated.Message);
        Assert.StartsWith("whsec_", rotated.Value);
        Assert.NotEqual(subscription.Secret, rotated.Value);
        Assert.Equal(2, await Sender().DeliverDueAsync());

        Assert.All(_receiver.Accepted, r =>
        {
            Assert.True(WebhookSignature.Verify(rotated.Value!, r.Signature!, r.Body, out _));
            Assert.False(WebhookSignature.Verify(subscription.Secret, r.Signature!, r.Body, out _));
        });
        await using var db = _db.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "webhook.secret-rotated");
        Assert.DoesNotContain(rotated.Value!, audit.Summary + audit.Changes);
        Assert.DoesNotContain(rotated.Value!, string.Concat(await db.WebhookDeliveries.Select(d => d.Payload).ToListAsync()));
    }

    [Fact]
    public async Task Deleted_GivesUpItsQueue_ErasesTheSecret_KeepsItsLogReadable_AndCannotBeSwitchedOnAgain()
    {
        var subscription = await SubscribeAsync(_receiver.Url);
        await _db.SendRoadsToHousingAsync();
        Assert.Equal(0, await Sender().DeliverDueAsync());

        Assert.True((await Subscriptions().DeleteAsync(_admin, subscription.Id)).Ok);

        Assert.All(await DeliveriesAsync(), d => Assert.Equal(WebhookDeliveryState.GivenUp, d.State));
        Assert.Equal("Подписка удалена.", (await DeliveriesAsync())[1].LastError);
        var item = (await Subscriptions().ListAsync(_admin)).Single();
        Assert.True(item.Deleted);
        Assert.False(item.Active);
        await using (var db = _db.CreateDbContext())
            Assert.Equal("", (await db.WebhookSubscriptions.SingleAsync()).Secret);
        var log = await Subscriptions().LogAsync(_admin, new WebhookLogFilter(subscription.Id));
        Assert.Single(log);
        Assert.False(log[0].Retriable);
        Assert.Equal(Failure.Conflict, (await Subscriptions().SetActiveAsync(_admin, subscription.Id, true)).Failure);
        Assert.Equal(Failure.Conflict, (await Subscriptions().RotateSecretAsync(_admin, subscription.Id)).Failure);
        Assert.False((await Subscriptions().TestAsync(_admin, subscription.Id)).Ok);
        Assert.Contains("webhook.deleted", await AuditActionsAsync());
        // An event after the deletion queues nothing for it.
        await _db.SendRoadsToHousingAsync("После удаления");
        Assert.Equal(2, (await DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task A410Gone_SwitchesTheSubscriptionOff_KeepingItsQueue_WhileAnother4xx_IsRetried()
    {
        _receiver.Mode = WebhookReceiver.Behaviour.Unavailable;
        _receiver.FailureStatus = 401;
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);
        await _db.SendRoadsToHousingAsync();
        var sender = Sender();

        Assert.Equal(0, await sender.DeliverDueAsync());
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(2, _receiver.Requests);
        Assert.True((await Subscriptions().ListAsync(_admin)).Single().Active);

        _receiver.FailureStatus = 410;
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(3, _receiver.Requests);
        var item = (await Subscriptions().ListAsync(_admin)).Single();
        Assert.False(item.Active);
        Assert.Equal(2, item.Pending);
        _db.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(3, _receiver.Requests);
        await using var db = _db.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "webhook.deactivated");
        Assert.Null(audit.ActorId);
        Assert.Contains("410", audit.Summary);
        Assert.Equal(subscription.Id.ToString(), audit.EntityId);
    }

    [Fact]
    public async Task TestEvent_SendsASignedPing_AndReturnsTheAnswer_WithoutQueueingOrLoggingIt()
    {
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);

        var answer = await Subscriptions().TestAsync(_admin, subscription.Id);

        Assert.True(answer.Ok, answer.Message);
        Assert.Equal(204, answer.Value!.StatusCode);
        Assert.True(answer.Value.Succeeded);
        var ping = Assert.Single(_receiver.Accepted);
        Assert.True(WebhookSignature.Verify(subscription.Secret, ping.Signature!, ping.Body, out _));
        Assert.Contains("\"kind\":\"ping\"", ping.Body);
        Assert.Empty(await DeliveriesAsync());

        _receiver.Mode = WebhookReceiver.Behaviour.Unavailable;
        var refused = await Subscriptions().TestAsync(_admin, subscription.Id);
        Assert.Equal(503, refused.Value!.StatusCode);
        Assert.Equal("Получатель ответил 503.", refused.Value.Error);
    }

    [Fact]
    public async Task LogFilter_BySubscriptionAndOutcome()
    {
        _receiver.Start();
        var good = await SubscribeAsync(_receiver.Url);
        var down = await SubscribeAsync($"http://127.0.0.1:{Ports.Free()}/hook");
        await _db.SendRoadsToHousingAsync();
        await Sender().DeliverDueAsync();
        var subscriptions = Subscriptions();

        var all = await subscriptions.LogAsync(_admin);
        Assert.Equal(3, all.Count);
        Assert.Equal([good.Id, good.Id], (await subscriptions.LogAsync(_admin, new WebhookLogFilter(good.Id))).Select(a => a.SubscriptionId));
        var failed = Assert.Single(await subscriptions.LogAsync(_admin, new WebhookLogFilter(Outcome: WebhookLogOutcome.Failed)));
        Assert.Equal(down.Id, failed.SubscriptionId);
        Assert.Null(failed.StatusCode);
        Assert.Equal(WebhookDeliveryState.Queued, failed.State);
        Assert.NotNull(failed.Payload);
        var succeeded = await subscriptions.LogAsync(_admin, new WebhookLogFilter(good.Id, WebhookLogOutcome.Succeeded));
        Assert.All(succeeded, a => Assert.Equal(204, a.StatusCode));
        Assert.Empty(await subscriptions.LogAsync(_admin, new WebhookLogFilter(down.Id, WebhookLogOutcome.Succeeded)));
        Assert.DoesNotContain(good.Secret, string.Concat(all.Select(a => a.Payload + a.Error)));
    }

    [Fact]
    public async Task OnlyAnAdministrator_SwitchesOff_Rotates_Deletes_Tests_AndRetries()
    {
        var subscription = await SubscribeAsync("https://hooks.example.ru/in");
        var head = _db.RoadsHead;
        var subscriptions = Subscriptions();
        Assert.Equal(Failure.Forbidden, (await subscriptions.SetActiveAsync(head, subscription.Id, false)).Failure);
        Assert.Equal(Failure.Forbidden, (await subscriptions.RotateSecretAsync(head, subscription.Id)).Failure);
        Assert.Equal(Failure.Forbidden, (await subscriptions.DeleteAsync(head, subscription.Id)).Failure);
        Assert.Equal(Failure.Forbidden, (await subscriptions.TestAsync(head, subscription.Id)).Failure);
        Assert.Equal(Failure.Forbidden, (await subscriptions.RetryAsync(head, 1)).Failure);
        Assert.Empty(await subscriptions.LogAsync(head));
        Assert.True((await subscriptions.ListAsync(_admin)).Single().Active);
    }

    [Fact]
    public async Task EveryAttemptAndEveryAdministratorsChange_IsToldToTheWebhooksPages_ARefusalIsNot()
    {
        _options.GiveUpAfterAttempts = 1;
        _receiver.Mode = WebhookReceiver.Behaviour.Unavailable;
        _receiver.Start();
        var told = 0;
        _activity.Changed += () => Interlocked.Increment(ref told);
        var subscriptions = Subscriptions();
        var subscription = await SubscribeAsync(_receiver.Url);
        Assert.Equal(1, told);
        await _db.SendRoadsToHousingAsync();
        Assert.Equal(1, told);

        // Two attempts (the first given up after one try, then the next event's): each told once.
        await Sender().DeliverDueAsync();
        await using (var db = _db.CreateDbContext()) Assert.Equal(2, await db.WebhookAttempts.CountAsync());
        Assert.Equal(3, told);

        Assert.True((await subscriptions.RetryAsync(_admin, (await DeliveriesAsync())[0].Id)).Ok);
        Assert.True((await subscriptions.SetActiveAsync(_admin, subscription.Id, false)).Ok);
        Assert.True((await subscriptions.SetActiveAsync(_admin, subscription.Id, true)).Ok);
        Assert.True((await subscriptions.RotateSecretAsync(_admin, subscription.Id)).Ok);
        Assert.True((await subscriptions.DeleteAsync(_admin, subscription.Id)).Ok);
        Assert.Equal(8, told);

        Assert.False((await subscriptions.SetActiveAsync(_db.RoadsHead, subscription.Id, false)).Ok);
        Assert.False((await subscriptions.RotateSecretAsync(_admin, subscription.Id)).Ok);
        Assert.Equal(8, told);
    }
}
