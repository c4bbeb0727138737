using LiveOrders.Core.Calendar;
using LiveOrders.Core.Control;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Live;
using LiveOrders.Core.Live.Postgres;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using LiveOrders.Core.Webhooks;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiveOrders.Tests.Live;

/// <summary>
/// What lived in one process, carried between two nodes on a real PostgreSQL: who is on a page, a person moved or
/// switched off, a revoked wall link. Each node has its own directory, links and presence, as two processes would.
/// </summary>
public sealed class ClusterRelayTests : IAsyncLifetime
{
    // The database check for lost messages is kept out of the way, except where a test is about it.
    private static readonly PostgresFeedOptions Fast = new()
    {
        Heartbeat = TimeSpan.FromMilliseconds(100), PresenceTtl = TimeSpan.FromMilliseconds(800), Reconcile = TimeSpan.FromMinutes(10),
    };
    private static readonly PostgresFeedOptions Reconciling = new()
    {
        Heartbeat = TimeSpan.FromMilliseconds(100), PresenceTtl = TimeSpan.FromMilliseconds(800), Reconcile = TimeSpan.FromMilliseconds(200),
    };

    private PostgresServer _server = default!;
    private string _database = default!;
    private TestDatabase _data = default!;
    private readonly List<IAsyncDisposable> _nodes = [];

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _database = await _server.CreateDatabaseAsync();
        // The domain's rows (people, wall links) on SQLite: the relay carries only what happened to them.
        _data = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes)) await node.DisposeAsync();
        await _data.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _server.DropDatabaseAsync(_database);
    }

    private sealed class Node(FeedNode feed, ClusterRelay relay, ActorDirectory directory, DisplayLinks links, ApiKeys keys, Presence presence,
        StructureChanges structure, TemplateChanges templates, WebhookActivity webhooks) : IAsyncDisposable
    {
        public WebhookActivity Webhooks => webhooks;
        public StructureChanges Structure => structure;
        public TemplateChanges Templates => templates;
        public FeedNode Feed => feed;
        public ClusterRelay Relay => relay;
        public ActorDirectory Directory => directory;
        public DisplayLinks Links => links;
        public ApiKeys Keys => keys;
        public Presence Presence => presence;

        public async ValueTask DisposeAsync()
        {
            relay.Dispose();
            await feed.DisposeAsync();
        }
    }

    private async Task<Node> NodeAsync(PostgresFeedOptions? options = null, TimeProvider? clock = null)
    {
        options ??= Fast;
        clock ??= TimeProvider.System;
        var directory = new ActorDirectory(_data);
        var links = new DisplayLinks(_data, _data.Time, directory);
        var keys = new ApiKeys(_data, _data.Time);
        var presence = new Presence(TimeProvider.System, NullLogger<Presence>.Instance);
        var structure = new StructureChanges();
        var templates = new TemplateChanges();
        var webhooks = new WebhookActivity();
        ClusterRelay relay = null!;
        var feed = await FeedNode.StartAsync(_database, clock, options, beforeStart: n =>
            relay = new ClusterRelay(n.Feed, directory, links, keys, presence, structure, templates, webhooks, options, clock,
                NullLogger<ClusterRelay>.Instance));
        var node = new Node(feed, relay, directory, links, keys, presence, structure, templates, webhooks);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// The directory makes an actor stale first and then tells the screens (<see cref="ActorDirectory.Changed"/>): a test
    /// that sees the staleness waits for the telling before it counts who was told (it once counted an empty list).
    /// </summary>
    private static Task ScreensHearAsync(List<int> changed) =>
        Wait.UntilAsync(() => { lock (changed) return changed.Count > 0; }, "the screens on B hear of the change");

    private static PresenceMember Member(int employeeId, string name) => new(Guid.NewGuid(), employeeId, name);

    [Fact]
    public async Task SomeoneOnAPage_IsSeenOnTheOtherNode_AndLeavesThere()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var toldOnB = 0;
        using var onB = b.Presence.Join("order:7", Member(2, "Петров П. П."), () => Interlocked.Increment(ref toldOnB));

        var onA = a.Presence.Join("order:7", Member(1, "Иванов И. И."), () => { });
        await Wait.UntilAsync(() => b.Presence.Members("order:7").Count == 2, "B sees A's member");
        Assert.True(toldOnB > 1);
        await Wait.UntilAsync(() => a.Presence.Members("order:7").Count == 2, "A sees B's member");
        Assert.Empty(b.Presence.Members("order:8"));

        onA.Dispose();
        await Wait.UntilAsync(() => b.Presence.Members("order:7").Count == 1, "A's member leaves B's page");
        Assert.Equal("Петров П. П.", b.Presence.Members("order:7").Single().Name);
    }

    [Fact]
    public async Task SomeoneTypingOnOneNode_IsShownTypingOnTheOther()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var ivanov = Member(1, "Иванов И. И.");
        using var onA = a.Presence.Join("order:7", ivanov, () => { });
        await Wait.UntilAsync(() => b.Presence.Members("order:7").Count == 1, "B sees A's member");

        a.Presence.Typing("order:7", ivanov.Session);
        await Wait.UntilAsync(() => b.Presence.Members("order:7").Single().TypingUntil is not null, "B shows A's member typing");
    }

    [Fact]
    public async Task ACrowdedPage_IsSeenWhole_OnTheOtherNode_ThoughItsPeopleTakeSeveralSignals()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        // 300 people with long names on one node: some 45 KB of members, where one NOTIFY takes under 8 000 bytes.
        // (Before, the announcement was cut to what fitted: B saw about 50 of them.)
        var crowd = Enumerable.Range(1, 300)
            .Select(i => a.Presence.Join("board:1", Member(i, $"Константинопольский-Преображенский {i:000} В. В."), () => { }))
            .ToList();
        await Wait.UntilAsync(() => b.Presence.Members("board:1").Count == 300, "B sees all 300 of A's members");

        // The crowd thins on A; B follows down to the last person, through announcements of one part and of several.
        foreach (var leaving in crowd.Take(299)) leaving.Dispose();
        await Wait.UntilAsync(() => b.Presence.Members("board:1").Count == 1, "B sees the one who stayed");
        Assert.Equal("Константинопольский-Преображенский 300 В. В.", b.Presence.Members("board:1").Single().Name);
    }

    [Fact]
    public void AnAnnouncement_IsCutIntoParts_EachUnderNotifysLimit_InTheMembersOrder()
    {
        var members = Enumerable.Range(1, 400).Select(i => Member(i, $"Сотрудник с очень длинной фамилией {i}")).ToList();

        var parts = ClusterRelay.Parts("node-a", "order:42", members);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= ClusterRelay.MaxSignalBytes, $"{System.Text.Encoding.UTF8.GetByteCount(p)} bytes"));
        var read = parts.Select(LiveJson.Read<ClusterRelay.PresenceSignal>).ToList();
        Assert.Equal(Enumerable.Range(0, parts.Count), read.Select(r => r.P));
        Assert.Equal(read.Select((_, i) => i < parts.Count - 1), read.Select(r => r.More));
        Assert.Equal(members, read.SelectMany(r => r.M!));
        // Few members: one signal, as before.
        Assert.Single(ClusterRelay.Parts("node-a", "order:42", members.Take(3).ToList()));
    }

    [Fact]
    public async Task ANodeThatDies_LosesItsPeopleOnTheOthers_WithinItsTimeToLive()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        a.Presence.Join("board:3", Member(1, "Иванов И. И."), () => { });
        await Wait.UntilAsync(() => b.Presence.Members("board:3").Count == 1, "B sees A's member");

        // Killed: no goodbye, no more heartbeats, its members never leave by themselves.
        a.Relay.Dispose();
        await a.Feed.DisposeAsync();

        await Wait.UntilAsync(() => b.Presence.Members("board:3").Count == 0, "B forgets the dead node's member");
        Assert.Empty(b.Presence.RemoteNodes());
    }

    [Fact]
    public async Task ANodeThatStartsLater_SeesWhoIsAlreadyThere()
    {
        var a = await NodeAsync();
        using var _ = a.Presence.Join("board:3", Member(1, "Иванов И. И."), () => { });

        var b = await NodeAsync();

        await Wait.UntilAsync(() => b.Presence.Members("board:3").Count == 1, "B learns of A's member when it connects");
    }

    [Fact]
    public async Task APersonMovedOnOneNode_IsNoLongerCurrentOnTheOther_AndTheirScreensThereHearOfIt()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var clerkOnB = await b.Directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);
        var headOnB = await b.Directory.FindByEmployeeIdAsync(_data.RoadsHead.EmployeeId);
        var changedOnB = new List<int>();
        b.Directory.Changed += id => { lock (changedOnB) changedOnB.Add(id); };

        a.Directory.Invalidate(_data.RoadsClerk.EmployeeId);
        var clerkOnA = await a.Directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);

        await Wait.UntilAsync(() => !b.Directory.IsCurrent(clerkOnB!), "the clerk's actor on B is stale");
        await ScreensHearAsync(changedOnB);
        lock (changedOnB) Assert.Equal([_data.RoadsClerk.EmployeeId], changedOnB);
        Assert.True(b.Directory.IsCurrent(headOnB!));
        // A reads its own row too, and does not apply it a second time: the clerk's actor built after the change holds.
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= b.Feed.Feed.State.LastId, "A reads its own row");
        Assert.True(a.Directory.IsCurrent(clerkOnA!));
    }

    [Fact]
    public async Task DepartmentsAndTemplatesChangedOnOneNode_ReloadTheListsOnTheOther_OnceEach()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var structureOnA = 0;
        var structureOnB = 0;
        var templatesOnB = new List<TemplateChanged>();
        a.Structure.DepartmentsChanged += () => Interlocked.Increment(ref structureOnA);
        b.Structure.DepartmentsChanged += () => Interlocked.Increment(ref structureOnB);
        b.Templates.Changed += change => { lock (templatesOnB) templatesOnB.Add(change); };

        a.Structure.Notify();
        var template = OrderTemplate.Create(new TemplateContent("Отчёт о ямочном ремонте", "Сведения за неделю", [_data.Housing.Id],
            Priority.High, new Term(5, TermKind.WorkingDays)), _data.RoadsHead.EmployeeId, _data.Roads.Id, DateTime.UtcNow);
        a.Templates.Notify(template);

        await Wait.UntilAsync(() => Volatile.Read(ref structureOnB) == 1, "B's department lists reload");
        await Wait.UntilAsync(() => { lock (templatesOnB) return templatesOnB.Count == 1; }, "B's templates pages hear of the template");
        lock (templatesOnB) Assert.Equal(new TemplateChanged(template.Id, _data.RoadsHead.EmployeeId, _data.Roads.Id), templatesOnB[0]);
        // A reads its own rows back from the journal and does not raise them a second time.
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= b.Feed.Feed.State.LastId, "A reads its own rows");
        Assert.Equal(1, Volatile.Read(ref structureOnA));
        Assert.Equal(1, Volatile.Read(ref structureOnB));
    }

    [Fact]
    public async Task WebhookActivityOnOneNode_ReachesTheWebhooksPagesOnTheOther_Once_AndABurstAsOneMoreRow()
    {
        // A's relay on a driven clock: its window between two rows ends only when the test says so.
        var clockA = new FakeClock(DateTimeOffset.UtcNow);
        var a = await NodeAsync(clock: clockA);
        var b = await NodeAsync();
        var onA = 0;
        var onB = 0;
        a.Webhooks.Changed += () => Interlocked.Increment(ref onA);
        b.Webhooks.Changed += () => Interlocked.Increment(ref onB);

        a.Webhooks.Notify();

        await Wait.UntilAsync(() => Volatile.Read(ref onB) == 1, "B's webhooks pages hear of A's attempt");
        // A reads its own row back from the journal and does not raise it a second time.
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= b.Feed.Feed.State.LastId, "A reads its own row");
        Assert.Equal(1, Volatile.Read(ref onA));

        // A sender's burst within the window: told on A each time, held for the other nodes until the window ends...
        var rows = b.Feed.Feed.State.LastId;
        for (var i = 0; i < 200; i++) a.Webhooks.Notify();
        Assert.Equal(201, Volatile.Read(ref onA));

        // ...then goes out as one row.
        clockA.Advance(ClusterRelay.WebhookActivityEvery);
        await Wait.UntilAsync(() => Volatile.Read(ref onB) == 2, "B hears of the burst");
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= b.Feed.Feed.State.LastId, "A reads its own row");
        Assert.Equal(rows + 1, b.Feed.Feed.State.LastId);
        // A quiet window sends nothing, and the next notification goes out at once.
        clockA.Advance(ClusterRelay.WebhookActivityEvery);
        a.Webhooks.Notify();
        await Wait.UntilAsync(() => Volatile.Read(ref onB) == 3, "B hears of the next attempt");
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= b.Feed.Feed.State.LastId, "A reads its own row");
        Assert.Equal(rows + 2, b.Feed.Feed.State.LastId);
        Assert.Equal(202, Volatile.Read(ref onA));
    }

    [Fact]
    public async Task APersonMovedWithNoMessage_AsWhenItsNodeDiedAfterTheCommit_IsFoundStaleOnTheOtherNode_ByItsCheck()
    {
        var b = await NodeAsync(Reconciling);
        var clerkOnB = await b.Directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);
        var headOnB = await b.Directory.FindByEmployeeIdAsync(_data.RoadsHead.EmployeeId);
        var changedOnB = new List<int>();
        b.Directory.Changed += id => { lock (changedOnB) changedOnB.Add(id); };

        // The move committed; its node died before its message was journalled: nobody tells B.
        await using (var db = _data.CreateDbContext())
            await db.Employees.Where(e => e.Id == _data.RoadsClerk.EmployeeId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.DepartmentId, _data.Housing.Id));

        await Wait.UntilAsync(() => !b.Directory.IsCurrent(clerkOnB!), "B's check finds the clerk's actor stale");
        await ScreensHearAsync(changedOnB);
        lock (changedOnB) Assert.Equal([_data.RoadsClerk.EmployeeId], changedOnB);
        Assert.True(b.Directory.IsCurrent(headOnB!));
        var clerkNow = await b.Directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);
        Assert.Equal(_data.Housing.Id, clerkNow!.DepartmentId);
        Assert.True(b.Directory.IsCurrent(clerkNow));
    }

    [Fact]
    public async Task APersonChangedWithNoMessage_IsFoundStale_AsSoonAsTheirNextActorIsBuilt()
    {
        // No relay at all: the directory itself compares what each actor is built from.
        var directory = new ActorDirectory(_data);
        var before = await directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);
        await using (var db = _data.CreateDbContext())
            await db.Employees.Where(e => e.Id == _data.RoadsClerk.EmployeeId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Role, Role.DepartmentHead));

        var after = await directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId);

        Assert.False(directory.IsCurrent(before!));
        Assert.True(directory.IsCurrent(after!));
        Assert.Equal(Role.DepartmentHead, after!.Role);
        // Nothing changed since: the next actor changes nothing.
        Assert.True(directory.IsCurrent((await directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId))!));
        Assert.True(directory.IsCurrent(after));
    }

    [Fact]
    public async Task AWallLinkRevokedWithNoMessage_GoesDarkOnTheOtherNode_ByItsCheck()
    {
        var b = await NodeAsync(Reconciling);
        var admin = _data.RoadsHead with { Role = Role.Administrator };
        Assert.True((await b.Links.CreateAsync(admin, "Зал заседаний", _data.Deputy.EmployeeId)).Ok);
        await using var db = _data.CreateDbContext();
        var linkId = db.DisplayLinks.Single().Id;
        var revokedOnB = new List<int>();
        b.Links.Revoked += id => { lock (revokedOnB) revokedOnB.Add(id); };

        // Revoked on a node that died before its message: only the database knows.
        await db.DisplayLinks.Where(l => l.Id == linkId).ExecuteUpdateAsync(u => u.SetProperty(l => l.RevokedAt, DateTime.UtcNow));

        await Wait.UntilAsync(() => { lock (revokedOnB) return revokedOnB.Contains(linkId); }, "B's walls of the link go dark");
    }

    [Fact]
    public async Task TheCheck_AnnouncesAgainOnlyRecentRevocations_NotEveryLinkEverRevoked()
    {
        var b = await NodeAsync(Reconciling);
        var admin = _data.RoadsHead with { Role = Role.Administrator };
        Assert.True((await b.Links.CreateAsync(admin, "Зал заседаний", _data.Deputy.EmployeeId)).Ok);
        Assert.True((await b.Links.CreateAsync(admin, "Приёмная", _data.Deputy.EmployeeId)).Ok);
        await using var db = _data.CreateDbContext();
        var (old, recent) = (db.DisplayLinks.OrderBy(l => l.Id).First().Id, db.DisplayLinks.OrderBy(l => l.Id).Last().Id);
        var announced = new List<int>();
        b.Links.Revoked += id => { lock (announced) announced.Add(id); };

        // A link revoked a day ago: the first check announces everything it finds, this one too.
        await db.DisplayLinks.Where(l => l.Id == old).ExecuteUpdateAsync(u => u.SetProperty(l => l.RevokedAt, DateTime.UtcNow.AddDays(-1)));
        await Wait.UntilAsync(() => { lock (announced) return announced.Contains(old); }, "the first check announces the old revocation");
        await db.DisplayLinks.Where(l => l.Id == recent).ExecuteUpdateAsync(u => u.SetProperty(l => l.RevokedAt, DateTime.UtcNow));
        await Wait.UntilAsync(() => { lock (announced) return announced.Contains(recent); }, "a check announces the recent revocation");

        // From then on a check looks back from the latest revocation it saw, less the margin: the day-old one is left out.
        lock (announced) announced.Clear();
        await Wait.UntilAsync(() => { lock (announced) return announced.Count(id => id == recent) >= 2; }, "two more checks ran");
        lock (announced) Assert.DoesNotContain(old, announced);
    }

    [Fact]
    public async Task AWallLinkRevokedOnOneNode_GoesDarkOnTheOther()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var admin = _data.RoadsHead with { Role = Role.Administrator };
        Assert.True((await a.Links.CreateAsync(admin, "Зал заседаний", _data.Deputy.EmployeeId)).Ok);
        await using var db = _data.CreateDbContext();
        var linkId = db.DisplayLinks.Single().Id;
        var revokedOnB = new List<int>();
        b.Links.Revoked += id => { lock (revokedOnB) revokedOnB.Add(id); };

        Assert.True((await a.Links.RevokeAsync(admin, linkId)).Ok);

        await Wait.UntilAsync(() => { lock (revokedOnB) return revokedOnB.Count > 0; }, "B's walls hear of the revocation");
        lock (revokedOnB) Assert.Equal([linkId], revokedOnB);
    }

    [Fact]
    public async Task AnApiKeyRevokedOnOneNode_ClosesItsHubConnectionsOnTheOther()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var admin = _data.RoadsHead with { Role = Role.Administrator };
        var issued = await a.Keys.IssueAsync(admin, new ApiKeyRequest("Система ЖКХ", _data.HousingHead.EmployeeId, [_data.Housing.Id], false));
        Assert.True(issued.Ok, issued.Message);
        var revokedOnB = new List<int>();
        b.Keys.Revoked += id => { lock (revokedOnB) revokedOnB.Add(id); };

        Assert.True((await a.Keys.RevokeAsync(admin, issued.Value!.Id)).Ok);

        await Wait.UntilAsync(() => { lock (revokedOnB) return revokedOnB.Count > 0; }, "B hears of the revoked key");
        lock (revokedOnB) Assert.Equal([issued.Value.Id], revokedOnB);
    }

    [Fact]
    public async Task AfterAGap_EveryPersonAndEveryRevokedLinkIsCheckedAgain()
    {
        var clockB = new FakeClock(DateTimeOffset.UtcNow);
        var a = await NodeAsync();
        var directory = new ActorDirectory(_data);
        var links = new DisplayLinks(_data, _data.Time, directory);
        var admin = _data.RoadsHead with { Role = Role.Administrator };
        Assert.True((await a.Links.CreateAsync(admin, "Холл", _data.Deputy.EmployeeId)).Ok);
        int linkId;
        await using (var db = _data.CreateDbContext()) linkId = db.DisplayLinks.Single().Id;
        ClusterRelay relay = null!;
        await using var b = await FeedNode.StartAsync(_database, clockB, Fast, n =>
            relay = new ClusterRelay(n.Feed, directory, links, new ApiKeys(_data, _data.Time), new Presence(clockB, NullLogger<Presence>.Instance),
                new StructureChanges(), new TemplateChanges(), new WebhookActivity(), Fast, clockB,
                NullLogger<ClusterRelay>.Instance));
        using var _ = relay;
        var clerk = (await directory.FindByEmployeeIdAsync(_data.RoadsClerk.EmployeeId))!;
        var revoked = new List<int>();
        links.Revoked += id => { lock (revoked) revoked.Add(id); };

        await using (var admin2 = new NpgsqlConnection(_server.AdminConnectionString))
        {
            await admin2.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({b.Feed.ListenBackendPid})", admin2);
            await kill.ExecuteScalarAsync();
        }
        await Wait.UntilAsync(() => !b.Feed.State.Connected, "B notices the cut");
        Assert.True((await a.Links.RevokeAsync(admin, linkId)).Ok);
        a.Directory.Invalidate(_data.RoadsClerk.EmployeeId);
        await Wait.UntilAsync(() => a.Feed.Feed.State.LastId >= 2, "A has journalled both");
        await a.Feed.Feed.PruneNowAsync(TimeSpan.Zero);

        clockB.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => !directory.IsCurrent(clerk), "the clerk is checked again on B");
        await Wait.UntilAsync(() => { lock (revoked) return revoked.Contains(linkId); }, "B's walls of the revoked link go dark");
    }

    [Fact]
    public async Task WithPostgreSql_TheAppsFeedIsTheCrossNodeOne_AndWithSqliteNothingChanges()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:LiveOrders"] = _database,
        };
        var services = new ServiceCollection().AddLogging().AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveOrders.Core.Data.LiveOrdersDbContext>>(_data);
        await using (var provider = LiveOrders.Core.LiveOrdersCoreServices.AddLiveOrdersCore(services,
                         new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider())
        {
            Assert.IsType<PostgresLiveFeed>(provider.GetRequiredService<ILiveFeed>());
            Assert.NotNull(provider.GetRequiredService<ClusterRelay>());
        }
        var sqlite = new ServiceCollection().AddLogging().AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveOrders.Core.Data.LiveOrdersDbContext>>(_data);
        await using var plain = LiveOrders.Core.LiveOrdersCoreServices.AddLiveOrdersCore(sqlite,
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                { ["ConnectionStrings:LiveOrders"] = "Data Source=unused.db" }).Build()).BuildServiceProvider();
        Assert.IsType<InProcessLiveFeed>(plain.GetRequiredService<ILiveFeed>());
        Assert.Null(plain.GetService<ClusterRelay>());
    }
}
