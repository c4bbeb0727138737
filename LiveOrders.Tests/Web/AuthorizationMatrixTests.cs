using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using LiveOrders.Core.Control;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Who may reach what: every page route, every /api/v1 endpoint and the hub, for every role, on the subject's own
/// department and on one they have nothing to do with. The routes are found by reflection and from the endpoint
/// table, so a new page or endpoint without a row here fails <see cref="EveryRoute_HasARow"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture world) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    /// <summary>
    /// The people, each with «own» (the department they belong to, or supervise) and «other» (one they have nothing
    /// to do with). The control department's people see «other» too: they oversee everything.
    /// </summary>
    public static readonly Subject[] Subjects =
    [
        new("admin", "admin", Own: "Администрация", Other: "ЖКХ"),
        new("deputy", "deputy2", Own: "ЖКХ", Other: "Финансы"),          // supervises Архитектура, ЖКХ, Образование
        new("head", "zkh.head", Own: "ЖКХ", Other: "Финансы"),
        new("employee", "zkh.1", Own: "ЖКХ", Other: "Финансы"),
        new("controller", "ctrl.1", Own: "Контроль", Other: "ЖКХ"),      // role Controller, in the control department
        new("ctrlHead", "ctrl.head", Own: "Контроль", Other: "ЖКХ"),     // a department head, in the control department
        new("anonymous", null, Own: "ЖКХ", Other: "Финансы"),
    ];

    private const string Any = "any", Own = "own", Other = "other";

    // ok: 200, the page itself · login: sent to the sign-in page · denied: the page says no (not found, not yours,
    // read-only) · API: the status code · hub: «sees» connects and receives the change, «blind» connects and receives
    // nothing of it, 401 is refused.
    public static readonly (string Route, string Scope, string[] Expected)[] Table =
    [
        //  route                                         scope   admin     deputy    head      employee  controller ctrlHead  anonymous
        ("/",                                             Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/department",                                   Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/board",                                        Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/board/{DepartmentId:int}",                     Own,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/board/{DepartmentId:int}",                     Other, ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        // The board as filtered, as a file: whoever may open that board (403 ProblemDetails otherwise).
        ("/board/export?format=csv&department={DepartmentId:int}&priority=High", Own,   ["ok", "ok", "ok", "ok", "ok", "ok", "login"]),
        ("/board/export?format=csv&department={DepartmentId:int}&priority=High", Other, ["ok", "denied", "denied", "denied", "ok", "ok", "login"]),
        ("/orders/{Id:int}",                              Own,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/orders/{Id:int}",                              Other, ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        // Nobody edits another's order whole: only its author, and only while it is a draft (FreshOrderAsync's are sent).
        ("/orders/{EditId:int}/edit",                     Own,   ["denied", "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/orders/{EditId:int}/edit",                     Other, ["denied", "denied", "denied", "denied", "denied",  "denied", "login"]),
        // Downloads (xlsx/CSV): a list holds what its reader may see; an order another may not see is a 404 (in the page column: «denied»).
        ("/orders/export?format=xlsx",                    Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/orders/{Id:int}/export?format=csv",            Own,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/orders/{Id:int}/export?format=csv",            Other, ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/orders/new",                                   Any,   ["denied", "ok",     "ok",     "ok",     "denied",  "ok",     "login"]),
        ("/templates",                                    Any,   ["denied", "ok",     "ok",     "ok",     "denied",  "ok",     "login"]),  // those who issue orders
        ("/control",                                      Any,   ["ok",     "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        // The panel as a file: whose panel it is (403 ProblemDetails otherwise), over that person's own scope.
        ("/control/export?format=xlsx",                   Any,   ["ok",     "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        ("/wall/{Token}",                                 Own,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),     // a valid link: no sign-in by design
        ("/wall/{Token}",                                 Other, ["denied", "denied", "denied", "denied", "denied",  "denied", "denied"]), // a made-up link
        ("/admin/displays",                               Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/departments",                             Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/people",                                  Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/people/export?format=xlsx&active=all",   Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/import",                                  Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/sign-in-links",                           Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/api-keys",                                Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/webhooks",                                Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        // The audit log: administrators and control (the old /admin/audit address opens the same page).
        ("/audit",                                        Any,   ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/admin/audit",                                  Any,   ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/audit/export?format=xlsx",                     Any,   ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/admin/calendar",                                Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/order-types",                             Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/reports",                                      Any,   ["ok",     "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        // The справка (PDF/xlsx) has the reports' permissions: refused with a 403 ProblemDetails («denied»).
        ("/reports/spravka?format=pdf&from=2026-03-01&to=2026-03-31", Any, ["ok", "ok",  "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/spravka?format=xlsx&from=2026-03-01&to=2026-03-31&department={DepartmentId:int}", Other, ["ok", "denied", "denied", "denied", "ok", "ok", "login"]),
        // The reports page's download: the page's readers, for their departments (a 403 ProblemDetails is «denied»). The
        // administration itself is in no report (only its departments are), so the admin's «own» is refused.
        ("/reports/export?format=xlsx&from=2026-01-01&to=2026-12-31", Any, ["ok", "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/export?format=csv&from=2026-01-01&to=2026-12-31&departments={DepartmentId:int}", Own,   ["denied", "ok", "denied", "denied", "ok", "ok", "login"]),
        ("/reports/export?format=csv&from=2026-01-01&to=2026-12-31&departments={DepartmentId:int}", Other, ["ok", "denied", "denied", "denied", "ok", "ok", "login"]),
        // The orders behind a report figure: without a figure the page says so (ok); a department is the reader's or refused,
        // as on /reports (the administration itself executes nothing and has no figures: «denied» for the admin's own).
        ("/reports/orders",                               Any,   ["ok",     "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/orders?figure=Received&department={DepartmentId:int}&from=2026-11-01&to=2026-11-30", Own,
                                                                 ["denied", "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/orders?figure=Received&department={DepartmentId:int}&from=2026-11-01&to=2026-11-30", Other,
                                                                 ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/orders/export?format=xlsx&figure=OverdueNow&department={DepartmentId:int}&from=2026-11-01&to=2026-11-30", Own,
                                                                 ["denied", "ok",     "denied", "denied", "ok",      "ok",     "login"]),
        ("/reports/orders/export?format=csv&figure=Done&department={DepartmentId:int}&from=2026-11-01&to=2026-11-30", Other,
                                                                 ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/control/reads",                                Any,   ["ok",     "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/control/reads/export?format=csv&from=2026-01-01&text=2026", Any, ["ok", "denied", "denied", "denied", "ok",      "ok",     "login"]),
        ("/admin/backups",                                 Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/admin/delay-reasons",                           Any,   ["ok",     "denied", "denied", "denied", "denied",  "denied", "login"]),
        ("/settings",                                     Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/settings/security",                            Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "login"]),
        ("/login",                                        Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),
        ("/login/code",                                   Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),     // the form only: a code counts only with the half-signed-in cookie
        ("/login/refused",                                Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),     // organisation sign-in's refusal, no data
        ("/not-found",                                    Any,   ["denied", "denied", "denied", "denied", "denied",  "denied", "denied"]),
        ("/status/{Code:int}",                            Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),     // a status message, no data
        ("/error",                                        Any,   ["ok",     "ok",     "ok",     "ok",     "ok",      "ok",     "ok"]),
        ("GET /api/v1/departments",                       Any,   ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),
        ("GET /api/v1/departments/{id:int}/employees",    Own,   ["404",    "200",    "200",    "200",    "200",     "200",    "401"]),  // the administration executes nothing
        ("GET /api/v1/departments/{id:int}/employees",    Other, ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),  // anyone may address any department
        ("GET /api/v1/orders",                            Any,   ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}",                   Own,   ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}",                   Other, ["200",    "404",    "404",    "404",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}/attachments",       Own,   ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}/attachments",       Other, ["200",    "404",    "404",    "404",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}/attachments/{attachmentId:long}", Own,   ["200", "200", "200", "200", "200", "200", "401"]),
        ("GET /api/v1/orders/{id:int}/attachments/{attachmentId:long}", Other, ["200", "404", "404", "404", "200", "200", "401"]),
        ("POST /api/v1/orders",                           Own,   ["403",    "200",    "200",    "200",    "403",     "200",    "401"]),
        ("POST /api/v1/orders/{id:int}/comments",         Own,   ["403",    "200",    "200",    "200",    "403",     "200",    "401"]),
        ("POST /api/v1/orders/{id:int}/comments",         Other, ["403",    "404",    "404",    "404",    "403",     "403",    "401"]),
        ("POST /api/v1/orders/{id:int}/transitions",      Own,   ["403",    "403",    "200",    "403",    "403",     "200",    "401"]),  // accept a new order
        ("POST /api/v1/orders/{id:int}/transitions",      Other, ["403",    "404",    "404",    "404",    "403",     "403",    "401"]),
        // None of the subjects wrote the order, and a correction is the author's alone (her 200: ApiKeyScopeMatrixTests, OrderCorrectionApiTests).
        ("POST /api/v1/orders/{id:int}/corrections",      Own,   ["403",    "403",    "403",    "403",    "403",     "403",    "401"]),
        ("POST /api/v1/orders/{id:int}/corrections",      Other, ["403",    "404",    "404",    "404",    "403",     "403",    "401"]),
        // Control is the author's, the controller's and the curating deputy head's (none of the others wrote or control the order).
        ("POST /api/v1/orders/{id:int}/control",          Own,   ["403",    "200",    "403",    "403",    "403",     "403",    "401"]),
        ("POST /api/v1/orders/{id:int}/control",          Other, ["403",    "404",    "404",    "404",    "403",     "403",    "401"]),
        ("POST /api/v1/orders/{id:int}/controller",       Own,   ["403",    "200",    "403",    "403",    "403",     "403",    "401"]),
        ("POST /api/v1/orders/{id:int}/controller",       Other, ["403",    "404",    "404",    "404",    "403",     "403",    "401"]),
        // The log of openings (152-ФЗ): control and administrators only, whoever else sees the order.
        ("GET /api/v1/orders/{id:int}/reads",             Own,   ["200",    "403",    "403",    "403",    "200",     "200",    "401"]),
        ("GET /api/v1/orders/{id:int}/reads",             Other, ["200",    "403",    "403",    "403",    "200",     "200",    "401"]),
        ("GET /api/v1/delay-reasons",                     Any,   ["200",    "200",    "200",    "200",    "200",     "200",    "401"]),
        ("HUB /hubs/orders",                              Own,   ["sees",   "sees",   "sees",   "sees",   "sees",    "sees",   "401"]),
        ("HUB /hubs/orders",                              Other, ["sees",   "blind",  "blind",  "blind",  "sees",    "sees",   "401"]),
    ];

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (route, scope, expected) in Table)
            for (var i = 0; i < Subjects.Length; i++)
                data.Add(route, scope, Subjects[i].Name, expected[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRoleReaches_ExactlyWhatTheTableSays(string route, string scope, string subjectName, string expected)
    {
        var subject = Subjects.Single(s => s.Name == subjectName);
        var department = scope == Other ? subject.Other : subject.Own;
        var client = subject.Login is null ? world.App.Anonymous() : await world.ClientOfAsync(subject.Login);

        var actual = route switch
        {
            _ when route.StartsWith("HUB ") => await world.HubAsync(subject, department),
            _ when route.StartsWith("GET ") || route.StartsWith("POST ") => await world.ApiAsync(client, route, scope, subject, department),
            _ => await world.PageAsync(client, route, scope, department),
        };

        Assert.True(expected == actual, $"{subjectName} on {route} ({scope}: {department}): expected {expected}, got {actual}");
    }

    [Fact]
    public void EveryRoute_HasARow()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>()).Select(r => r.Template);
        var api = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"));
        // The hub's methods a client can call (none today: it only pushes); each would need its own row.
        var hub = typeof(LiveOrders.Web.Live.OrdersHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync")).Select(m => $"HUB {m.Name}")
            .Append("HUB /hubs/orders");

        var rows = Table.Select(r => r.Route).ToHashSet();
        var missing = pages.Concat(api).Concat(hub).Where(r => !rows.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "No row in the authorisation matrix for: " + string.Join(", ", missing));
        Assert.All(Table, r => Assert.Equal(Subjects.Length, r.Expected.Length));
    }

    public sealed record Subject(string Name, string? Login, string Own, string Other);

    /// <summary>The app, the departments by short name, and fresh orders that concern a department.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public LiveOrdersApp App { get; } = new();
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly SemaphoreSlim _lock = new(1, 1);
        private Dictionary<string, int> _departments = [];
        private string _wallToken = "";

        public async Task InitializeAsync()
        {
            _departments = (await App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).ToDictionary(d => d.ShortName, d => d.Id);
            using var scope = App.Services.CreateScope();
            var db = await App.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
            _departments["Администрация"] = await db.Departments.Where(d => d.ParentId == null).Select(d => d.Id).SingleAsync();
            var deputy = await ActorAsync("deputy2");
            _wallToken = (await App.Services.GetRequiredService<DisplayLinks>().CreateAsync(await ActorAsync("admin"), "Зал", deputy.EmployeeId)).Value!;
        }

        public async Task<HttpClient> ClientOfAsync(string login)
        {
            await _lock.WaitAsync();
            try
            {
                if (!_clients.TryGetValue(login, out var client)) _clients[login] = client = await App.SignedInAsync(login);
                return client;
            }
            finally { _lock.Release(); }
        }

        public Task<Actor> ActorAsync(string login) => App.ActorAsync(login);

        /// <summary>
        /// A new order (status New) that concerns <paramref name="department"/> and, besides it, only a department of
        /// deputy1's (Юридический): sent to it by the legal department's head, or, for the administration, issued from it
        /// by deputy1 to Финансы. So deputy2 takes part in none of them unless she supervises the department itself.
        /// </summary>
        public async Task<int> FreshOrderAsync(string department)
        {
            var (author, to) = department switch
            {
                "Администрация" => ("deputy1", "Финансы"),
                "Юридический" => ("fin.head", "Юридический"),
                _ => ("law.head", department),
            };
            var result = await App.Services.GetRequiredService<OrderService>().CreateAsync(await ActorAsync(author),
                new NewOrder($"Матрица доступа {Guid.NewGuid().ToString()[..6]}", null, [_departments[to]], Priority.Normal, DateTime.UtcNow.AddDays(3),
                    OnControl: true));
            Assert.True(result.Ok, result.Message);
            return result.Value![0].Id;
        }

        /// <summary>A small PDF attached by the author of <see cref="FreshOrderAsync"/>'s order for the department.</summary>
        private async Task<long> AttachAsync(int orderId, string department)
        {
            var author = department switch { "Администрация" => "deputy1", "Юридический" => "fin.head", _ => "law.head" };
            var result = await App.Services.GetRequiredService<LiveOrders.Core.Attachments.AttachmentService>().UploadAsync(await ActorAsync(author),
                orderId, "Матрица.pdf", null, new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()));
            Assert.True(result.Ok, result.Message);
            return result.Value!.Id;
        }

        private async Task<int> VersionOfAsync(int orderId)
        {
            await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
            return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Version).SingleAsync();
        }

        public async Task<string> PageAsync(HttpClient client, string route, string scope, string department)
        {
            var path = route
                .Replace("{DepartmentId:int}", _departments[department].ToString())
                .Replace("{Code:int}", "404")
                .Replace("{Token}", scope == Other ? "made-up-token-0000000000000000" : _wallToken);
            if (path.Contains("{Id:int}")) path = path.Replace("{Id:int}", (await FreshOrderAsync(department)).ToString());
            if (path.Contains("{EditId:int}")) path = path.Replace("{EditId:int}", (await FreshOrderAsync(department)).ToString());

            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
                return response.Headers.Location!.AbsolutePathOrSelf().StartsWith("/login") ? "login" : $"redirect {response.Headers.Location}";
            var html = await response.Content.ReadAsStringAsync();
            string[] refusals = ["data-testid=\"not-found\"", "data-testid=\"control-not-yours\"", "data-testid=\"read-only\"",
                "data-testid=\"admin-only\"", "data-testid=\"wall-invalid\"",
                "data-testid=\"reports-not-yours\"", "data-testid=\"audit-not-yours\""];
            if (refusals.Any(html.Contains) || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden) return "denied";
            return response.StatusCode == HttpStatusCode.OK ? "ok" : ((int)response.StatusCode).ToString();
        }

        public async Task<string> ApiAsync(HttpClient client, string route, string scope, Subject subject, string department)
        {
            var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
            var orderId = pattern.Contains("{id:int}") && pattern.StartsWith("/api/v1/orders") ? await FreshOrderAsync(department) : 0;
            var path = pattern.Replace("{id:int}", (orderId > 0 ? orderId : _departments[department]).ToString());
            if (path.Contains("{attachmentId:long}")) path = path.Replace("{attachmentId:long}", (await AttachAsync(orderId, department)).ToString());
            HttpResponseMessage response = (method, pattern) switch
            {
                ("GET", _) => await client.GetAsync(path),
                ("POST", "/api/v1/orders") => await client.PostAsJsonAsync(path, new
                {
                    title = "Из матрицы доступа", departmentIds = new[] { _departments[subject.Own == "ЖКХ" ? "Финансы" : "ЖКХ"] },
                    dueAt = DateTimeOffset.UtcNow.AddDays(3),
                }),
                (_, _) when pattern.EndsWith("/comments") => await client.PostAsJsonAsync(path, new { text = "Комментарий из матрицы" }),
                (_, _) when pattern.EndsWith("/corrections") => await client.PostAsJsonAsync(path,
                    new { version = await VersionOfAsync(orderId), title = "Исправлено из матрицы", text = "", priority = "High" }),
                (_, _) when pattern.EndsWith("/control") => await client.PostAsJsonAsync(path,
                    new { version = await VersionOfAsync(orderId), onControl = false, reason = "Снято из матрицы доступа" }),
                (_, _) when pattern.EndsWith("/controller") => await client.PostAsJsonAsync(path,
                    new { version = await VersionOfAsync(orderId), controllerId = (await ActorAsync("ctrl.head")).EmployeeId }),
                (_, _) when pattern.EndsWith("/transitions") => await client.PostAsJsonAsync(path, new { action = "Accept", version = await VersionOfAsync(orderId) }),
                _ => throw new InvalidOperationException($"No request for {route}"),
            };
            return ((int)response.StatusCode).ToString();
        }

        /// <summary>
        /// Connects as the subject and issues an order that concerns <paramref name="department"/>, then one the subject
        /// surely sees (the feed keeps each subscriber's order): whether the first arrived before the second says it all.
        /// </summary>
        public async Task<string> HubAsync(Subject subject, string department)
        {
            if (subject.Login is null)
                return ((int)(await HubTestClient.NegotiateAsync(App, "unrelated=1")).StatusCode).ToString();
            await using var hub = await HubTestClient.ConnectAsync(App, await App.SignInCookieAsync(subject.Login));
            var probe = await FreshOrderAsync(department);
            var sentinel = await FreshOrderAsync(subject.Own);
            var received = new List<int>();
            while (!received.Contains(sentinel) && await hub.NextOrderChangedAsync(TimeSpan.FromSeconds(10)) is { } change)
                received.Add(change.GetProperty("orderId").GetInt32());
            Assert.Contains(sentinel, received);
            return received.Contains(probe) ? "sees" : "blind";
        }

        public Task DisposeAsync()
        {
            foreach (var client in _clients.Values) client.Dispose();
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}

internal static class UriPaths
{
    public static string AbsolutePathOrSelf(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
}
