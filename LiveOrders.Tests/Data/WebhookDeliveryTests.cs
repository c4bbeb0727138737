using System.Text.Json;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>Webhooks end to end: the outbox written with the order change, delivered to a real receiver on 127.0.0.1.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
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

    private async Task<CreatedSubscription> SubscribeAsync(string url, int? departmentId = null, WebhookEventKinds kinds = WebhookEventKinds.All)
    {
        var created = await Subscriptions().CreateAsync(_admin, url, kinds, departmentId);
        Assert.True(created.Ok, created.Message);
        return created.Value!;
    }

    private static (long Id, string Kind, int OrderId) Parse(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (root.GetProperty("id").GetInt64(), root.GetProperty("kind").GetString()!, root.GetProperty("order").GetProperty("id").GetInt32());
    }

    private async Task<int> PendingAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.WebhookDeliveries.CountAsync(d => d.DeliveredAt == null);
    }

    [Fact]
    public async Task EveryDelivery_IsSigned_WithTheSubscriptionsSecret_OverTheTimestampAndBody()
    {
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);
        var order = await _db.SendRoadsToHousingAsync();

        Assert.Equal(2, await Sender().DeliverDueAsync());

        var received = _receiver.Accepted.ToList();
        Assert.Equal(["created", "sent"], received.Select(r => Parse(r.Body).Kind));
        foreach (var r in received)
        {
            Assert.True(WebhookSignature.Verify(subscription.Secret, r.Signature!, r.Body, out var t));
            Assert.Equal(_db.Clock.GetUtcNow().ToUnixTimeSeconds(), t);
            Assert.False(WebhookSignature.Verify("whsec_other", r.Signature!, r.Body, out _));
            Assert.False(WebhookSignature.Verify(subscription.Secret, r.Signature!, r.Body.Replace("created", "approved").Replace("sent", "approved"), out _));
            Assert.Equal(order.Id, Parse(r.Body).OrderId);
        }
        Assert.StartsWith("t=", received[0].Signature);
        Assert.Contains(",v1=", received[0].Signature);
    }

    [Fact]
    public async Task ReceiverDownForAWhile_EveryEventArrivesExactlyOnce_InOrderPerOrder_AfterItReturns()
    {
        await SubscribeAsync(_receiver.Url);
        var sender = Sender();
        // The receiver is down (nothing listens) while two orders move on.
        var first = await _db.SendRoadsToHousingAsync("Первое");
        var second = await _db.SendRoadsToHousingAsync("Второе");
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, first.Id, await _db.VersionOfAsync(first.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        Assert.True((await _db.Orders.CommentAsync(_db.HousingHead, first.Id, "Выезжаем")).Ok);
        Assert.True((await _db.Orders.CommentAsync(_db.RoadsHead, second.Id, "Срочно")).Ok);

        Assert.Equal(0, await sender.DeliverDueAsync());
        await using (var db = _db.CreateDbContext())
        {
            var attempts = await db.WebhookAttempts.ToListAsync();
            // Only the head of each order was tried; the rest wait behind it.
            Assert.Equal(2, attempts.Count);
            Assert.All(attempts, a => Assert.StartsWith("Получатель недоступен", a.Error));
        }

        // Before the backoff is over nothing is tried again.
        _db.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(0, _receiver.Requests);

        // It comes back, answering 503 at first: still retried, with a longer wait.
        _receiver.Mode = WebhookReceiver.Behaviour.Unavailable;
        _receiver.Start();
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(2, _receiver.Requests);
        _db.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Equal(2, _receiver.Requests);

        _receiver.Mode = WebhookReceiver.Behaviour.Ok;
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var round = 0; round < 10 && await PendingAsync() > 0; round++)
        {
            await sender.DeliverDueAsync();
            _db.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(0, await PendingAsync());
        var received = _receiver.Accepted.Select(r => Parse(r.Body)).ToList();
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["created", "sent", "accepted", "commented"], received.Where(r => r.OrderId == first.Id).Select(r => r.Kind));
        Assert.Equal(["created", "sent", "commented"], received.Where(r => r.OrderId == second.Id).Select(r => r.Kind));
        await using (var db = _db.CreateDbContext())
            Assert.Equal(7, await db.WebhookDeliveries.CountAsync());
    }

    [Fact]
    public async Task DepartmentScopedSubscription_NeverReceivesAnotherDepartmentsOrder()
    {
        _receiver.Start();
        await SubscribeAsync(_receiver.Url, _db.Finance.Id);
        var roadsToHousing = await _db.SendRoadsToHousingAsync("Не для финансистов");
        var toFinance = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Для финансистов", "Текст", [_db.Finance.Id], Priority.Normal, _db.Time.UtcNow.AddDays(3)));
        Assert.True(toFinance.Ok, toFinance.Message);
        Assert.True((await _db.Orders.CommentAsync(_db.RoadsHead, roadsToHousing.Id, "Комментарий")).Ok);
        // A draft is nobody's outside its department, even for an unscoped subscription.
        await _db.SendRoadsToHousingAsync("Черновик", send: false);

        await Sender().DeliverDueAsync();

        var received = _receiver.Accepted.Select(r => Parse(r.Body)).ToList();
        Assert.Equal(["created", "sent"], received.Select(r => r.Kind));
        Assert.All(received, r => Assert.Equal(toFinance.Value![0].Id, r.OrderId));
        await using var db = _db.CreateDbContext();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.OrderId != toFinance.Value![0].Id));
    }

    [Fact]
    public async Task HangingReceiver_IsCutOffAfterTheTimeout_AndRetried_WithoutHoldingUpAnotherReceiver()
    {
        // The first receiver listens before the second picks a free port, so the two never share one.
        _receiver.Start();
        using var hanging = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Hang }.Start();
        Assert.NotEqual(_receiver.Port, hanging.Port);
        var stuck = await SubscribeAsync(hanging.Url);
        var healthy = await SubscribeAsync(_receiver.Url);
        await _db.SendRoadsToHousingAsync();
        var sender = Sender();

        var stuckRound = sender.DeliverSubscriptionAsync(stuck.Id);
        await hanging.Hanging.Task;
        Assert.Equal(2, await sender.DeliverSubscriptionAsync(healthy.Id));
        Assert.False(stuckRound.IsCompleted);
        Assert.Equal(2, _receiver.Accepted.Count);

        // A second sender (a node taking over) leaves the delivery alone while the first has it claimed.
        var claimedUntil = _db.Time.UtcNow + _options.ClaimFor;
        _options.Timeout = TimeSpan.FromMilliseconds(300);
        var quick = Sender();
        Assert.Equal(0, await quick.DeliverSubscriptionAsync(stuck.Id));
        Assert.Equal(1, hanging.Requests);

        // Once the claim has expired it is tried again; with a short timeout the hanging receiver is cut off, and the
        // delivery waits for a retry.
        _db.Clock.Advance(claimedUntil - _db.Time.UtcNow);
        Assert.Equal(0, await quick.DeliverSubscriptionAsync(stuck.Id));
        Assert.Equal(2, hanging.Requests);
        await using var db = _db.CreateDbContext();
        var attempt = await db.WebhookAttempts.Join(db.WebhookDeliveries.Where(d => d.SubscriptionId == stuck.Id), a => a.DeliveryId, d => d.Id, (a, d) => a)
            .OrderBy(a => a.Id).LastAsync();
        Assert.StartsWith("Получатель не ответил за", attempt.Error);
        var waiting = await db.WebhookDeliveries.Where(d => d.SubscriptionId == stuck.Id).OrderBy(d => d.Id).FirstAsync();
        Assert.Null(waiting.DeliveredAt);
        Assert.True(waiting.NextAttemptAt > _db.Time.UtcNow);

        // Released, the first round ends too, with a 503: a failure, retried later.
        // (Released while still listening: a listener closed under a pending request may answer it 200 by itself.)
        hanging.Release();
        Assert.Equal(0, await stuckRound);
        Assert.Empty(hanging.Accepted);
    }

    [Fact]
    public async Task TwoSendersAtOnce_AsDuringATakeover_PostEachDeliveryOnce_WithOneSequencePerOrder()
    {
        _receiver.Start();
        await SubscribeAsync(_receiver.Url);
        var orders = new List<int>();
        for (var i = 0; i < 6; i++) orders.Add((await _db.SendRoadsToHousingAsync($"Поручение {i}")).Id);
        foreach (var order in orders)
            Assert.True((await _db.Orders.CommentAsync(_db.HousingHead, order, "Принято к сведению")).Ok);

        // Two nodes' senders, each with its own context, go over the same queue at the same time, round after round.
        var (first, second) = (Sender(), Sender());
        for (var round = 0; round < 10 && await PendingAsync() > 0; round++)
            await Task.WhenAll(Task.Run(() => first.DeliverDueAsync()), Task.Run(() => second.DeliverDueAsync()));

        Assert.Equal(0, await PendingAsync());
        var received = _receiver.Accepted.Select(r => Parse(r.Body)).ToList();
        Assert.Equal(18, received.Count);
        Assert.Equal(18, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(18, _receiver.Requests);
        await using var db = _db.CreateDbContext();
        foreach (var order in orders)
        {
            Assert.Equal(["created", "sent", "commented"], received.Where(r => r.OrderId == order).Select(r => r.Kind));
            var sequences = await db.WebhookDeliveries.Where(d => d.OrderId == order).OrderBy(d => d.Id).Select(d => d.Sequence).ToListAsync();
            Assert.Equal([1, 2, 3], sequences);
        }
        Assert.Equal(18, await db.WebhookAttempts.CountAsync());
    }

    /// <summary>Queues <paramref name="count"/> more events of an order for a subscription, as a busy order would.</summary>
    private async Task QueueBacklogAsync(int subscriptionId, int orderId, int count)
    {
        await using var db = _db.CreateDbContext();
        for (var i = 0; i < count; i++)
            db.WebhookDeliveries.Add(new WebhookDelivery(subscriptionId, null, orderId, WebhookEventKinds.Commented, _db.Time.UtcNow));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OrderWithALongBacklogBehindAFailingHead_DoesNotHoldUpOtherOrders_AtTheSameOrAnotherReceiver()
    {
        _receiver.Start();
        using var other = new WebhookReceiver().Start();
        var refusing = await SubscribeAsync(_receiver.Url);
        var busy = await _db.SendRoadsToHousingAsync("Много событий");
        // The receiver rejects this one order's events (503), and 300 more of them are queued behind its first.
        _receiver.Refuses = body => Parse(body).OrderId == busy.Id;
        await QueueBacklogAsync(refusing.Id, busy.Id, 300);
        await SubscribeAsync(other.Url);
        var quiet = await _db.SendRoadsToHousingAsync("Обычное");

        // One round: the other order gets through to both receivers; the busy order's head alone was tried.
        Assert.Equal(4, await Sender().DeliverDueAsync());

        Assert.Equal(["created", "sent"], _receiver.Accepted.Select(r => Parse(r.Body)).Where(r => r.OrderId == quiet.Id).Select(r => r.Kind));
        Assert.Equal(["created", "sent"], other.Accepted.Select(r => Parse(r.Body)).Select(r => r.Kind));
        Assert.Equal(3, _receiver.Requests);
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.WebhookDeliveries.Where(d => d.OrderId == busy.Id).SumAsync(d => d.Attempts));
    }

    [Fact]
    public async Task MoreFailingHeadsThanOneBatch_AreAllTriedInOneRound_AndTheOrderBehindThemGetsThrough()
    {
        _receiver.Start();
        await SubscribeAsync(_receiver.Url);
        var failing = new List<int>();
        for (var i = 0; i < 4; i++) failing.Add((await _db.SendRoadsToHousingAsync($"Отклоняемое {i}")).Id);
        var last = await _db.SendRoadsToHousingAsync("Последнее");
        _receiver.Refuses = body => failing.Contains(Parse(body).OrderId);
        var sender = new WebhookSender(_db, _db.Time, _db.Feed, _activity, Options.Create(_options), NullLogger<WebhookSender>.Instance) { Batch = 2 };

        Assert.Equal(2, await sender.DeliverDueAsync());

        Assert.Equal(["created", "sent"], _receiver.Accepted.Select(r => Parse(r.Body)).Select(r => r.Kind));
        Assert.All(_receiver.Accepted, r => Assert.Equal(last.Id, Parse(r.Body).OrderId));
        // Each failing order's head was tried once; their later events wait.
        Assert.Equal(6, _receiver.Requests);
        await using var db = _db.CreateDbContext();
        Assert.Equal(4, await db.WebhookAttempts.CountAsync(a => a.StatusCode == 503));
    }

    [Fact]
    public async Task LongBacklog_OnceItsHeadGetsThrough_ArrivesWhole_InOrder_WithOneSequence()
    {
        _receiver.Start();
        var subscription = await SubscribeAsync(_receiver.Url);
        var busy = await _db.SendRoadsToHousingAsync("Много событий");
        _receiver.Refuses = body => Parse(body).OrderId == busy.Id;
        await QueueBacklogAsync(subscription.Id, busy.Id, 300);
        var sender = Sender();
        Assert.Equal(0, await sender.DeliverDueAsync());

        _receiver.Refuses = null;
        _db.Clock.Advance(_options.FirstBackoff);
        Assert.Equal(302, await sender.DeliverDueAsync());

        Assert.Equal(0, await PendingAsync());
        await using var db = _db.CreateDbContext();
        var ids = await db.WebhookDeliveries.Where(d => d.OrderId == busy.Id).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        Assert.Equal(ids, _receiver.Accepted.Select(r => Parse(r.Body).Id));
        Assert.Equal(Enumerable.Range(1, 302).Select(i => (int?)i),
            await db.WebhookDeliveries.Where(d => d.OrderId == busy.Id).OrderBy(d => d.Id).Select(d => d.Sequence).ToListAsync());
    }

    [Theory]
    [InlineData("ftp://hooks.example.ru/in", "http:// или https://")]
    [InlineData("file:///etc/passwd", "http:// или https://")]
    [InlineData("hooks.example.ru/in", "не распознан")]
    [InlineData("https://evil.example.com/in", "не разрешена настройкой Webhooks:AllowedHosts")]
    public async Task ReceiverUrl_ThatIsNotHttp_OrOutsideAllowedHosts_IsRefused_InRussian(string url, string message)
    {
        _options.AllowedHosts = ["hooks.example.ru"];
        var created = await Subscriptions().CreateAsync(_admin, url, WebhookEventKinds.All, null);

        Assert.False(created.Ok);
        Assert.Contains(message, created.Message);
        Assert.Equal("url", created.Field);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.WebhookSubscriptions.AnyAsync());
        Assert.True((await Subscriptions().CreateAsync(_admin, "https://HOOKS.example.ru/in", WebhookEventKinds.Created, null)).Ok);
    }

    [Fact]
    public async Task OnlyAnAdministrator_MakesSubscriptions_AndTheSecretIsNotLogged()
    {
        var refused = await Subscriptions().CreateAsync(_db.RoadsHead, "https://hooks.example.ru/in", WebhookEventKinds.All, null);
        Assert.False(refused.Ok);
        var created = await SubscribeAsync("https://hooks.example.ru/in");
        Assert.StartsWith("whsec_", created.Secret);
        await using var db = _db.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "webhook.created");
        Assert.DoesNotContain(created.Secret, audit.Summary + audit.Changes);
    }
}
