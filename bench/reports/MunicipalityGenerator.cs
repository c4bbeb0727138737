using LiveOrders.Core.Data;
using LiveOrders.Core.Demo;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Bench.Reports;

/// <summary>
/// A municipality with two years of orders: the demo's departments and people (<see cref="DemoMunicipality"/>), then
/// <c>count</c> orders created over the two years before <see cref="Now"/>, each played through <see cref="Order"/>'s own
/// transitions at its own instants, so its history is what the app would have recorded. Seeded: the same count gives the
/// same database. Orders are inserted in batches with change detection off and the tracker cleared between batches.
/// </summary>
internal sealed class MunicipalityGenerator(IServiceProvider services, int count)
{
    /// <summary>Bump when what is generated changes: the cached database is keyed by it.</summary>
    public const int Version = 3;
    public const int Seed = 20261120;
    private const int BatchSize = 2_000;

    /// <summary>The benchmark's «now»: Friday 20 November 2026, 10:00 in Novokuznetsk.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(7));
    public static readonly TimeSpan Span = TimeSpan.FromDays(730);

    private readonly Random _random = new(Seed);
    private readonly MunicipalTime _time = services.GetRequiredService<MunicipalTime>();
    private DateTime NowUtc => Now.UtcDateTime;

    private sealed record Dept(int Id, int HeadId, int[] Staff);
    private Dept[] _departments = [];
    private (int Id, int DepartmentId)[] _deputies = [];
    private int _rootId;
    private int _controllerId;
    private int[] _delayReasons = [];
    private int[] _types = [];

    public async Task GenerateAsync(Action<string> progress)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await DatabaseSetup.MigrateAsync(db);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoMunicipality>().SeedIfEmptyAsync();
        await LoadOrganisationAsync(factory);

        // Creation instants first, sorted, so registration numbers run in the order of creation within each year.
        var created = Enumerable.Range(0, count).Select(_ => CreationInstant()).Order().ToArray();
        var sequences = new Dictionary<int, int>();
        await using (var db = await factory.CreateDbContextAsync())
            foreach (var s in await db.NumberSequences.AsNoTracking().ToListAsync())
                sequences[s.Year] = s.Last;

        var batch = new List<Order>(BatchSize);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Play(created[i]));
            if (batch.Count == BatchSize || i == count - 1)
            {
                await using var db = await factory.CreateDbContextAsync();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Orders.AddRange(batch);
                foreach (var order in batch)
                {
                    var year = _time.ToLocal(order.CreatedAt).Year;
                    var number = RegistrationNumbers.Format(year, sequences[year] = sequences.GetValueOrDefault(year) + 1);
                    // AssignNumber is the demo's (internal) way; through the change tracker the same two columns are set.
                    var entry = db.Entry(order);
                    entry.Property(o => o.Number).CurrentValue = number;
                    entry.Property(o => o.SearchKey).CurrentValue = Order.SearchKeyOf(number, order.Title);
                }
                await db.SaveChangesAsync();
                batch.Clear();
                if ((i + 1) % 10_000 == 0 || i == count - 1) progress($"{i + 1:N0} orders");
            }
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var stored = await db.NumberSequences.ToListAsync();
            foreach (var (year, last) in sequences)
            {
                if (stored.FirstOrDefault(s => s.Year == year) is { } s) s.Last = last;
                else db.NumberSequences.Add(new NumberSequence { Year = year, Last = last });
            }
            await db.SaveChangesAsync();
            // No ANALYZE: the app never runs it, so its SQLite plans queries without statistics, and so does this benchmark.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    private async Task LoadOrganisationAsync(IDbContextFactory<LiveOrdersDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var departments = await db.Departments.AsNoTracking().ToListAsync();
        var employees = await db.Employees.AsNoTracking().ToListAsync();
        _rootId = departments.Single(d => d.ParentId == null).Id;
        _departments = departments.Where(d => d.ParentId != null).OrderBy(d => d.Id)
            .Select(d => new Dept(d.Id,
                employees.Single(e => e.DepartmentId == d.Id && e.Role == Role.DepartmentHead).Id,
                employees.Where(e => e.DepartmentId == d.Id && e.Role is Role.Employee or Role.Controller).OrderBy(e => e.Id).Select(e => e.Id).ToArray()))
            .ToArray();
        _deputies = employees.Where(e => e.Role == Role.DeputyHead).OrderBy(e => e.Id).Select(e => (e.Id, e.DepartmentId)).ToArray();
        var control = departments.Single(d => d.IsControl);
        _controllerId = employees.Where(e => e.DepartmentId == control.Id && e.Role == Role.Controller).Min(e => e.Id);
        _delayReasons = await db.DelayReasons.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).Select(r => r.Id).ToArrayAsync();
        _types = await db.OrderTypes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync();
    }

    /// <summary>A working day of the two years, between 8:30 and 17:30 local time.</summary>
    private DateTime CreationInstant()
    {
        var start = _time.ToLocal(NowUtc - Span).Date;
        while (true)
        {
            var day = start.AddDays(_random.Next((int)Span.TotalDays + 1));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var utc = _time.ToUtc(day.AddMinutes(510 + _random.Next(540)));
            if (utc < NowUtc.AddHours(-1)) return utc;
        }
    }

    /// <summary>
    /// One order's life, step by step, each at its own instant; it stops at the first step that would come after
    /// <see cref="Now"/>, so recent orders are still open. As the deadline watcher would, the overdue fact is recorded
    /// (dated at the due instant) before the first step past the due time, and at the end for an order still owed.
    /// </summary>
    private Order Play(DateTime created)
    {
        var order = Steps(created);
        order.RecordOverdue(NowUtc);
        return order;
    }

    private Order Steps(DateTime created)
    {
        var byDeputy = Chance(0.10);
        var issuing = byDeputy ? null : Pick(_departments);
        var deputy = Pick(_deputies);
        var authorId = issuing?.HeadId ?? deputy.Id;
        var executing = Pick(_departments.Where(d => d != issuing).ToArray());
        var first = executing;
        var termDays = Weighted((3, 20), (5, 25), (10, 35), (30, 20));
        var onControl = Chance(0.2);
        var title = Titles[_random.Next(Titles.Length)];
        var draft = new OrderDraft(title.Title, title.Text, executing.Id, Weighted((Priority.Low, 10), (Priority.Normal, 60), (Priority.High, 22), (Priority.Urgent, 8)),
            created.AddDays(termDays), onControl, TypeId: Chance(0.7) ? Pick(_types) : null, ControllerId: onControl ? _controllerId : null,
            ContainsPersonalData: Chance(0.05));
        var order = Order.Create(draft, authorId, issuing?.Id ?? _rootId, created);
        if (Chance(0.004)) return order;                                  // a draft, never sent

        var at = created;
        bool Next(TimeSpan after)
        {
            var next = at + after;
            if (next > NowUtc) return false;
            if (order.DueAt <= next) order.RecordOverdue(order.DueAt);
            at = next;
            return true;
        }
        int? Delay(OrderAction action) =>
            Core.Delays.OrderDelay.Required(action, order.Status, order.DueAt, at) ? Pick(_delayReasons) : null;

        try
        {
            if (!Next(Minutes(2, 180))) return order;
            order.Send(authorId, at);

            if (Chance(0.015))
            {
                if (Next(Hours(1, 24))) order.Decline(executing.HeadId, at, "Вопрос не относится к компетенции подразделения.");
                return order;
            }

            var forwards = Chance(0.03) ? 2 : Chance(0.12) ? 1 : 0;
            for (var f = 0; f < forwards; f++)
            {
                if (!Next(Hours(0.5, 36))) return order;
                // The second forward sometimes sends it back where it first went: the ping-pong the reports count.
                var to = f == 1 && Chance(0.4) ? first : Pick(_departments.Where(d => d != executing).ToArray());
                order.Forward(executing.HeadId, at, to.Id, "Вопрос относится к компетенции другого подразделения.");
                executing = to;
            }

            if (!Next(TimeSpan.FromHours(Math.Min(120, 0.1 + Exponential(6))))) return order;
            order.Accept(executing.HeadId, at);
            var responsible = executing.Staff.Length > 0 ? Pick(executing.Staff) : executing.HeadId;
            if (!Next(Minutes(5, 120))) return order;
            order.Assign(executing.HeadId, at, responsible, Chance(0.3) ? executing.Staff.Where(s => s != responsible).Take(1) : null);

            if (Chance(0.015))                                            // cancelled by its author
            {
                if (Next(Hours(24, 240))) order.Cancel(authorId, at, "Вопрос снят с рассмотрения на планёрке у главы города.");
                return order;
            }
            if (Chance(0.015)) return order;                        // stuck: still owed, overdue now

            if (Chance(0.08))
            {
                var when = TimeSpan.FromTicks((long)((order.DueAt - at).Ticks * Uniform(0.3, 1.2)));
                if (!Next(when > TimeSpan.FromHours(1) ? when : TimeSpan.FromHours(1))) return order;
                var newDue = (order.DueAt > at ? order.DueAt : at).AddDays(_random.Next(5, 16));
                order.RequestExtension(responsible, at, newDue, "Ожидаем сведения из другого ведомства.", Delay(OrderAction.RequestExtension));
                if (!Next(Hours(2, 48))) return order;
                var granted = Chance(0.7);
                order.DecideExtension(authorId, at, granted, granted ? "Согласовано." : "Оснований для продления нет.");
            }

            // About three in four are done on time; the rest are late by a share of their term.
            var left = order.DueAt - at;
            var work = Chance(0.78) ? left * Uniform(0.15, 0.95) : left + TimeSpan.FromDays(termDays * Math.Min(2, Exponential(0.35)) + 0.05);
            if (!Next(work > TimeSpan.FromHours(1) ? work : TimeSpan.FromHours(1))) return order;
            order.Submit(responsible, at, "Работа выполнена, материалы приложены.", Delay(OrderAction.Submit));

            if (Chance(0.10))
            {
                if (!Next(Hours(2, 48))) return order;
                order.Return(authorId, at, "Не хватает расчётов по второму варианту: доработайте, пожалуйста.");
                if (!Next(Hours(24, 96))) return order;
                order.Submit(responsible, at, "Доработано, расчёты приложены.", Delay(OrderAction.Submit));
            }

            if (!Next(Hours(1, 48))) return order;
            order.Approve(authorId, at, Chance(0.7) ? Weighted((5, 45), (4, 35), (3, 15), (2, 5)) : null);
            return order;
        }
        catch (OrderRuleException e)
        {
            throw new InvalidOperationException($"Generator broke a rule at {at:O} ({order.Status}): {e.Message}", e);
        }
    }

    private bool Chance(double p) => _random.NextDouble() < p;
    private double Uniform(double min, double max) => min + _random.NextDouble() * (max - min);
    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());
    private TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(Uniform(min, max));
    private TimeSpan Hours(double min, double max) => TimeSpan.FromHours(Uniform(min, max));
    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    private static readonly (string Title, string Text)[] Titles =
    [
        ("Подготовить сведения о земельных участках под ИЖС", "Предоставить перечень свободных земельных участков с кадастровыми номерами."),
        ("Отчёт об исполнении бюджета по разделу", "Представить отчёт об исполнении бюджета за отчётный период по утверждённой форме."),
        ("Устранить протечку кровли в детском саду", "Провести обследование и устранить протечку кровли над музыкальным залом."),
        ("Правовая экспертиза проекта постановления", "Провести правовую экспертизу проекта постановления администрации города."),
        ("Схема размещения контейнерных площадок", "Подготовить схему размещения новых контейнерных площадок для ТКО с учётом санитарных норм."),
        ("Ответ на обращение гражданина", "Рассмотреть обращение гражданина и подготовить ответ в установленный срок."),
        ("Сведения о потребности в местах в детских садах", "Представить сведения о потребности в местах в дошкольных учреждениях по микрорайонам."),
        ("Претензионная работа по задолженности за аренду", "Подготовить и направить претензии арендаторам с задолженностью."),
        ("Исполнение графика уборки снега", "Представить сведения о выполнении графика механизированной уборки снега."),
        ("Проверка целевого использования субсидий", "Провести проверку целевого использования предоставленных субсидий."),
        ("Градостроительный план земельного участка", "Подготовить ГПЗУ земельного участка по заявлению застройщика."),
        ("Ярмарка вакансий для выпускников", "Организовать совместно с предпринимателями ярмарку вакансий."),
        ("Акт обследования аварийного дома", "Провести обследование дома и подготовить акт о техническом состоянии несущих конструкций."),
        ("Сведения о бесхозяйных сетях водоснабжения", "Представить перечень бесхозяйных сетей для постановки на учёт."),
        ("Оценка эффективности муниципальной программы", "Провести оценку эффективности муниципальной программы за прошедший год."),
        ("Ответ на запрос прокуратуры", "Подготовить ответ на запрос прокуратуры города с приложением документов."),
        ("Благоустройство пришкольной территории", "Подготовить предложения по благоустройству пришкольной территории."),
        ("Перечень нестационарных торговых объектов", "Согласовать перечень нестационарных торговых объектов у остановок."),
        ("Проект муниципального контракта на ремонт", "Подготовить проект муниципального контракта на ремонт помещений."),
        ("Прогноз доходов от продажи земельных участков", "Представить прогноз доходов от продажи земельных участков на три года."),
    ];
}
