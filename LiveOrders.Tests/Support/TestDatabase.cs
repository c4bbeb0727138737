using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Mail;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A real SQLite file (or, with <c>LIVEORDERS_TEST_PROVIDER=PostgreSQL</c>, a PostgreSQL database: <see cref="TestProvider"/>), migrated as in production, with a small organisation: two departments
/// with a head and an employee each, a third one, and a deputy head curating the first two.
/// The services are the app's, wired by <see cref="LiveOrdersCoreServices.AddLiveOrdersCore"/>; only
/// the database, the clock, the feed and the mail settings are the test's, registered before it.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<LiveOrdersDbContext>, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"liveorders-test-{Guid.NewGuid():N}.db");
    private string? _postgreSql;
    /// <summary>The engine of this database: <see cref="TestProvider.Current"/>.</summary>
    public DatabaseProvider Provider { get; } = TestProvider.Current;
    public string ConnectionString => _postgreSql ?? $"Data Source={_path};Pooling=False";
    /// <summary>This database's own attachment store, removed with it.</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), $"liveorders-files-{Guid.NewGuid():N}");

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    public MunicipalTime Time { get; }
    public RecordingFeed Feed { get; } = new();
    public OrderService Orders { get; }
    public ActorDirectory Directory { get; }
    /// <summary>Mail settings the services see (off unless a test turns it on).</summary>
    public MailOptions Mail { get; }
    public OrderQueries Queries { get; }
    /// <summary>The core's services as the app wires them, over this database, clock and feed.</summary>
    public IServiceProvider Services => _services;
    private readonly ServiceProvider _services;
    private readonly List<IInterceptor> _interceptors = [];

    public Department Roads { get; private set; } = default!;
    public Department Housing { get; private set; } = default!;
    public Department Finance { get; private set; } = default!;
    public Actor RoadsHead { get; private set; } = default!;
    public Actor RoadsClerk { get; private set; } = default!;
    public Actor HousingHead { get; private set; } = default!;
    public Actor HousingClerk { get; private set; } = default!;
    public Actor FinanceHead { get; private set; } = default!;
    public Actor Deputy { get; private set; } = default!;
    public Actor Controller { get; private set; } = default!;

    private TestDatabase()
    {
        Mail = new MailOptions();
        _services = BuildServices();
        Time = _services.GetRequiredService<MunicipalTime>();
        Directory = _services.GetRequiredService<ActorDirectory>();
        Orders = _services.GetRequiredService<OrderService>();
        Queries = _services.GetRequiredService<OrderQueries>();
    }

    /// <summary>
    /// The core's services over this database. <paramref name="replace"/> registers after the test's
    /// defaults (so it wins), e.g. the real clock; <paramref name="settings"/> is configuration.
    /// </summary>
    public ServiceProvider BuildServices(Action<IServiceCollection>? replace = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
                ["Attachments:StoragePath"] = AttachmentsPath,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<LiveOrdersDbContext>>(this);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILiveFeed>(Feed);
        services.AddSingleton<IOptions<MailOptions>>(Options.Create(Mail));
        replace?.Invoke(services);
        services.AddLiveOrdersCore(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Adds an EF interceptor to every context made from now on (to act at an exact point of a save).</summary>
    public void AddInterceptor(IInterceptor interceptor) => _interceptors.Add(interceptor);

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        if (database.Provider == DatabaseProvider.PostgreSql)
            database._postgreSql = await TestProvider.CreatePostgreSqlAsync(); // migrated already (a copy of the template)
        else
            await using (var db = database.CreateDbContext())
                await DatabaseSetup.MigrateAsync(db);
        await database.SeedAsync();
        return database;
    }

    public LiveOrdersDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<LiveOrdersDbContext>().UseLiveOrdersDatabase(Provider, ConnectionString).AddInterceptors(_interceptors)
            // As the app's factory does: the municipality's zone, for the times the save writes into audit entries.
            .UseMunicipalZone(Time.Zone).Options);

    private async Task SeedAsync()
    {
        await using var db = CreateDbContext();
        var admin = new Department { Name = "Администрация", ShortName = "Адм" };
        db.Departments.Add(admin);
        await db.SaveChangesAsync();
        var deputy = new Employee { FullName = "Замов Зам Замович", Position = "Заместитель главы", DepartmentId = admin.Id, Role = Role.DeputyHead };
        var controller = new Employee { FullName = "Контролёва Ксения", Position = "Контролёр", DepartmentId = admin.Id, Role = Role.Controller };
        db.Employees.AddRange(deputy, controller);
        await db.SaveChangesAsync();

        Roads = new Department { Name = "Управление дорог", ShortName = "Дороги", ParentId = admin.Id, CuratorId = deputy.Id };
        Housing = new Department { Name = "Управление ЖКХ", ShortName = "ЖКХ", ParentId = admin.Id, CuratorId = deputy.Id };
        Finance = new Department { Name = "Финансовое управление", ShortName = "Финансы", ParentId = admin.Id };
        db.Departments.AddRange(Roads, Housing, Finance);
        await db.SaveChangesAsync();

        Employee Person(string name, string mail, Department d, Role role) =>
            new() { FullName = name, Position = "—", DepartmentId = d.Id, Role = role, Email = $"{mail}@test.local" };
        var people = new[]
        {
            Person("Дорожный Начальник", "roads.head", Roads, Role.DepartmentHead), Person("Дорожный Сотрудник", "roads.clerk", Roads, Role.Employee),
            Person("Жилищный Начальник", "housing.head", Housing, Role.DepartmentHead), Person("Жилищный Сотрудник", "housing.clerk", Housing, Role.Employee),
            Person("Финансовый Начальник", "finance.head", Finance, Role.DepartmentHead),
        };
        db.Employees.AddRange(people);
        await db.SaveChangesAsync();

        Actor ActorOf(Employee e, IReadOnlyList<int>? supervised = null) => new(e.Id, e.FullName, e.DepartmentId, e.Role, supervised ?? []);
        RoadsHead = ActorOf(people[0]);
        RoadsClerk = ActorOf(people[1]);
        HousingHead = ActorOf(people[2]);
        HousingClerk = ActorOf(people[3]);
        FinanceHead = ActorOf(people[4]);
        Deputy = ActorOf(deputy, [Roads.Id, Housing.Id]);
        Controller = ActorOf(controller);
    }

    /// <summary>An order from Roads to Housing, sent, due in three days.</summary>
    public async Task<CreatedOrder> SendRoadsToHousingAsync(string title = "Отремонтировать ливнёвку", bool send = true, bool onControl = false,
        int? controllerId = null)
    {
        var result = await Orders.CreateAsync(RoadsHead, new NewOrder(title, "Текст", [Housing.Id], Priority.Normal,
            Time.UtcNow.AddDays(3), onControl, SendNow: send, ControllerId: controllerId));
        Assert.True(result.Ok, result.Message);
        return result.Value![0];
    }

    public async Task<int> VersionOfAsync(int orderId)
    {
        await using var db = CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Version).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgreSql is not null) await TestProvider.DropPostgreSqlAsync(_postgreSql);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
        if (System.IO.Directory.Exists(AttachmentsPath)) System.IO.Directory.Delete(AttachmentsPath, recursive: true);
        await Task.CompletedTask;
    }
}

/// <summary>A live feed that remembers what was published, to prove what reaches subscribers and when.</summary>
public sealed class RecordingFeed : ILiveFeed
{
    private readonly InProcessLiveFeed _inner = new(NullLogger<InProcessLiveFeed>.Instance);
    private readonly List<OrderChanged> _published = [];

    public IReadOnlyList<OrderChanged> Published { get { lock (_published) return _published.ToList(); } }

    public void Publish(OrderChanged change)
    {
        lock (_published) _published.Add(change);
        _inner.Publish(change);
    }

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler) => _inner.Subscribe(filter, handler);

    public bool RecordsInTransaction => false;

    public ValueTask RecordAsync(DbContext db, OrderChanged change, CancellationToken ct) => ValueTask.CompletedTask;
}
