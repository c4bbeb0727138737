using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;

namespace LiveOrders.Tests.Support;

/// <summary>
/// The reports' fixture municipality: a few orders whose every event is placed by hand on the driven clock (hours after
/// t0 = Monday 2 March 2026, 10:00 local, Asia/Novokuznetsk), so a test can work its expected figures out by hand.
/// Housing gets A, B, C, F from Roads at h0 (and E in February); Roads gets D and G from Housing at h0, and C forwarded at h2.
/// The clock is left at h120. The report tests (<c>ReportFiguresTests</c>) state every figure this gives.
/// </summary>
public sealed class ReportMunicipality
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
    public static readonly ReportPeriod March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1));

    private readonly TestDatabase _db;
    private ReportMunicipality(TestDatabase db) => _db = db;

    /// <summary>The orders by their letter in the comments (A–G).</summary>
    public int A { get; private set; }
    public int B { get; private set; }
    public int C { get; private set; }
    public int D { get; private set; }
    public int E { get; private set; }
    public int F { get; private set; }
    public int G { get; private set; }

    public static async Task<ReportMunicipality> BuildAsync(TestDatabase db)
    {
        var municipality = new ReportMunicipality(db);
        await municipality.BuildMunicipalityAsync();
        return municipality;
    }

    public static DateTime Due(double hours) => T0.AddHours(hours).UtcDateTime;

    private void At(double hours) => _db.Clock.Set(T0.AddHours(hours));

    private async Task<int> SendAsync(Actor author, Department to, double dueHours)
    {
        var created = await _db.Orders.CreateAsync(author, new NewOrder("Поручение", "Текст", [to.Id], Priority.Normal, Due(dueHours)));
        Assert.True(created.Ok, created.Message);
        return created.Value![0].Id;
    }

    private async Task DoAsync(Actor actor, int orderId, OrderCommand command)
    {
        var result = await _db.Orders.ExecuteAsync(actor, orderId, await _db.VersionOfAsync(orderId), command);
        Assert.True(result.Ok, $"{command}: {result.Message}");
    }

    private async Task BuildMunicipalityAsync()
    {
        var (roads, housing) = (_db.RoadsHead, _db.HousingHead);
        At(-72);                                                            // 27 February: before the period
        E = await SendAsync(roads, _db.Housing, 48);
        At(-71); await DoAsync(housing, E, new AcceptOrder());

        At(0);
        A = await SendAsync(roads, _db.Housing, 48);
        B = await SendAsync(roads, _db.Housing, 48);
        C = await SendAsync(roads, _db.Housing, 48);
        F = await SendAsync(roads, _db.Housing, 48);                  // never accepted: overdue at the end
        D = await SendAsync(housing, _db.Roads, 72);
        G = await SendAsync(housing, _db.Roads, 200);
        At(1); await DoAsync(housing, A, new AcceptOrder());             // Housing accepts A after 1 h
        At(2); await DoAsync(housing, C, new ForwardOrder(_db.Roads.Id, "Не наш участок"));
        At(3); await DoAsync(housing, B, new AcceptOrder());             // 3 h
        At(4); await DoAsync(roads, D, new AcceptOrder());               // Roads: D after 4 h
        At(7); await DoAsync(roads, C, new AcceptOrder());               // C after 5 h (arrived at h2)
        At(10); await DoAsync(housing, A, new SubmitOrder("Сделано"));
        At(11); await DoAsync(roads, A, new ApproveOrder(5));            // A done on time, 11 h after sending
        At(12); await DoAsync(housing, B, new RequestExtension(Due(96), "Нужна техника"));
        await DoAsync(roads, G, new AcceptOrder());                      // G after 12 h
        At(13); await DoAsync(roads, B, new DecideExtension(true));      // B now due h96
        At(14); await DoAsync(roads, G, new RequestExtension(Due(250), "Зима"));
        At(15); await DoAsync(housing, G, new DecideExtension(false, "Нет"));
        await DoAsync(housing, E, new SubmitOrder("Сделано"));
        At(16); await DoAsync(roads, E, new ApproveOrder());             // E done on time, 88 h after sending, no mark
        At(20); await DoAsync(roads, D, new SubmitOrder("Сделано"));
        At(21); await DoAsync(housing, D, new ReturnOrder("Нет акта"));  // a return while Roads holds D
        At(30); await DoAsync(roads, D, new SubmitOrder("Акт приложен"));
        At(31); await DoAsync(housing, D, new ApproveOrder(3));          // D done on time, 31 h
        At(100); await DoAsync(housing, B, new SubmitOrder("Сделано с опозданием", DelayReason()));
        At(101); await DoAsync(roads, B, new ApproveOrder(4));           // B late (submitted h100 > due h96), 101 h
        At(120);                                                         // now: C (Roads, due h48) and F (Housing, due h48) overdue
    }

    private int DelayReason() => LiveOrders.Core.Delays.DelayReason.Shipped[0].Id;
}
