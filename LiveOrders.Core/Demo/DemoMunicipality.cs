using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Demo;

/// <summary>A demo account printed at start-up and listed in the README.</summary>
public sealed record DemoLogin(string UserName, string FullName, string Role, string Department);

/// <summary>
/// Seeds a living city administration into an empty database (never into a non-empty one):
/// departments, deputy heads, heads and employees with accounts, and orders in every state
/// with their history and comments, made through the same entity methods people use.
/// </summary>
public sealed class DemoMunicipality(IDbContextFactory<LiveOrdersDbContext> dbFactory, UserManager<IdentityUser> users, MunicipalTime time)
{
    public const string Password = "Demo2026!";

    private sealed record Dept(string Code, string Name, string ShortName, int? Deputy);

    // Deputy 1 curates the city economy and land, deputy 2 the city's housing and social side.
    private static readonly Dept[] Departments =
    [
        new("arch", "Управление архитектуры и градостроительства", "Архитектура", 2),
        new("zkh", "Управление жилищно-коммунального хозяйства", "ЖКХ", 2),
        new("edu", "Управление образования", "Образование", 2),
        new("land", "Комитет по управлению земельными отношениями", "Земельные отношения", 1),
        new("biz", "Управление по развитию предпринимательства", "Предпринимательство", 1),
        new("fin", "Финансовое управление", "Финансы", 1),
        new("law", "Юридический отдел", "Юридический", 1),
        new("ctrl", "Контрольный отдел", "Контроль", null),
    ];

    private static readonly Dictionary<string, (string Head, string[] Staff)> People = new()
    {
        ["arch"] = ("Соколов Андрей Викторович", ["Лебедева Ольга Сергеевна", "Морозов Дмитрий Игоревич"]),
        ["zkh"] = ("Кузнецов Михаил Петрович", ["Волкова Наталья Андреевна", "Павлов Сергей Олегович"]),
        ["edu"] = ("Новикова Елена Викторовна", ["Фёдорова Анна Михайловна", "Семёнов Илья Александрович"]),
        ["land"] = ("Егоров Виктор Николаевич", ["Козлова Татьяна Юрьевна", "Орлов Павел Андреевич"]),
        ["biz"] = ("Алексеева Марина Олеговна", ["Никитин Артём Сергеевич", "Захарова Ирина Владимировна"]),
        ["fin"] = ("Григорьев Олег Борисович", ["Медведева Светлана Петровна", "Белов Константин Игоревич"]),
        ["law"] = ("Тарасова Юлия Дмитриевна", ["Комаров Алексей Викторович", "Ершова Дарья Алексеевна"]),
        ["ctrl"] = ("Степанов Николай Иванович", ["Гусева Людмила Николаевна"]),
    };

    public async Task<IReadOnlyList<DemoLogin>?> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Departments.AnyAsync(ct) || await db.Users.AnyAsync(ct)) return null;

        var logins = new List<DemoLogin>();
        db.OrderTypes.AddRange(DemoOrderTypes());
        var root = new Department { Name = "Администрация города", ShortName = "Администрация" };
        db.Departments.Add(root);
        await db.SaveChangesAsync(ct);

        async Task<Employee> Person(string login, string name, string position, Department dept, Role role)
        {
            var user = new IdentityUser { UserName = login, Email = $"{login}@demo.liveorders.local", EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            var employee = new Employee { FullName = name, Position = position, DepartmentId = dept.Id, Role = role, Email = user.Email, UserId = user.Id };
            db.Employees.Add(employee);
            await db.SaveChangesAsync(ct);
            logins.Add(new DemoLogin(login, name, role.Russian(), dept.ShortName));
            return employee;
        }

        var deputies = new Dictionary<int, Employee>
        {
            [1] = await Person("deputy1", "Иванов Сергей Александрович", "Заместитель главы города по экономическому развитию", root, Role.DeputyHead),
            [2] = await Person("deputy2", "Петрова Галина Васильевна", "Заместитель главы города по городскому хозяйству и социальной сфере", root, Role.DeputyHead),
        };
        var admin = await Person("admin", "Смирнов Роман Евгеньевич", "Администратор системы", root, Role.Administrator);
        _ = admin;

        var departments = new Dictionary<string, Department>();
        var heads = new Dictionary<string, Employee>();
        var staff = new Dictionary<string, List<Employee>>();
        foreach (var d in Departments)
        {
            var department = new Department { Name = d.Name, ShortName = d.ShortName, ParentId = root.Id, CuratorId = d.Deputy is { } k ? deputies[k].Id : null, IsControl = d.Code == "ctrl" };
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
            departments[d.Code] = department;
            var (headName, staffNames) = People[d.Code];
            heads[d.Code] = await Person($"{d.Code}.head", headName, d.Code == "law" || d.Code == "ctrl" ? "Начальник отдела" : "Начальник управления", department, Role.DepartmentHead);
            staff[d.Code] = [];
            for (var i = 0; i < staffNames.Length; i++)
            {
                var role = d.Code == "ctrl" ? Role.Controller : Role.Employee;
                var position = d.Code == "ctrl" ? "Главный специалист-контролёр" : i == 0 ? "Главный специалист" : "Ведущий специалист";
                staff[d.Code].Add(await Person($"{d.Code}.{i + 1}", staffNames[i], position, department, role));
            }
        }
        departments["root"] = root;
        heads["root"] = deputies[1];

        var world = new World(departments, heads, staff, deputies);
        var orders = OrderScenarios.All.Select(s => Play(s, world)).ToList();
        var parents = orders.Where(o => o.Scenario.Children.Count > 0).ToList();

        // Numbers in order of creation, as the registry office would have given them.
        var sequence = 0;
        var year = time.LocalNow.Year;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var played in orders.OrderBy(o => o.Order.CreatedAt))
        {
            played.Order.AssignNumber(RegistrationNumbers.Format(year, ++sequence));
            db.Orders.Add(played.Order);
        }
        await db.SaveChangesAsync(ct);
        foreach (var parent in parents)
        {
            foreach (var child in parent.Scenario.Children.Select(c => Play(c with { }, world, parent.Order.Id)))
            {
                child.Order.AssignNumber(RegistrationNumbers.Format(year, ++sequence));
                db.Orders.Add(child.Order);
                orders.Add(child);
            }
        }
        db.NumberSequences.Add(new NumberSequence { Year = year, Last = sequence });
        await db.SaveChangesAsync(ct);

        foreach (var played in orders)
            foreach (var (author, text, at) in played.Comments)
                db.OrderComments.Add(OrderComment.Create(played.Order.Id, author, text, at));
        await db.SaveChangesAsync(ct);
        await SeedTemplatesAsync(db, world, ct);
        await tx.CommitAsync(ct);
        return logins;
    }

    /// <summary>The control department's monthly report request, on a schedule, and an everyday template of ЖКХ.</summary>
    private async Task SeedTemplatesAsync(LiveOrdersDbContext db, World world, CancellationToken ct)
    {
        var now = time.UtcNow;
        var d = world.Departments;
        var report = Templates.OrderTemplate.Create(new Templates.TemplateContent(
                "Ежемесячный отчёт об исполнении поручений",
                "Представить в контрольный отдел сведения об исполнении поручений главы за прошедший месяц по утверждённой форме.",
                [d["zkh"].Id, d["arch"].Id, d["edu"].Id], Priority.High, new Calendar.Term(3, Calendar.TermKind.WorkingDays)),
            world.Heads["ctrl"].Id, d["ctrl"].Id, now);
        var inspection = Templates.OrderTemplate.Create(new Templates.TemplateContent(
                "Обследование дворовой территории по обращению",
                "Провести обследование, составить акт с фотофиксацией, направить ответ заявителю.",
                [d["zkh"].Id], Priority.Normal, new Calendar.Term(10, Calendar.TermKind.WorkingDays)),
            world.Heads["zkh"].Id, d["zkh"].Id, now);
        db.OrderTemplates.AddRange(report, inspection);
        await db.SaveChangesAsync(ct);
        var today = DateOnly.FromDateTime(time.LocalNow);
        db.RecurringSchedules.Add(Templates.RecurringSchedule.Create(report.Id, world.Heads["ctrl"].Id,
            new Templates.Recurrence(Templates.RecurrenceKind.MonthlyWorkingDay, 5, DayOfWeek.Monday, today, null, new TimeOnly(9, 0)), now));
        await db.SaveChangesAsync(ct);
    }

    internal sealed record World(
        Dictionary<string, Department> Departments,
        Dictionary<string, Employee> Heads,
        Dictionary<string, List<Employee>> Staff,
        Dictionary<int, Employee> Deputies);

    private sealed record Played(OrderScenario Scenario, Order Order, List<(int Author, string Text, DateTime At)> Comments);

    /// <summary>Replays a scenario through the entity's own methods, each step a little after the one before.</summary>
    private Played Play(OrderScenario s, World w, int? parentId = null)
    {
        var now = time.UtcNow;
        var created = now.AddHours(-s.CreatedHoursAgo);
        var author = s.ByDeputy is { } k ? w.Deputies[k] : w.Heads[s.From];
        var issuing = s.ByDeputy is not null ? w.Departments["root"] : w.Departments[s.From];
        // An order on control is watched by the control department's specialist (ctrl.1), as in a real administration.
        int? controller = s.OnControl && w.Staff.TryGetValue("ctrl", out var control) && control.Count > 0 ? control[0].Id : null;
        var draft = new OrderDraft(s.Title, s.Text, w.Departments[s.To].Id, s.Priority, created.AddHours(s.DueHoursAfterCreation), s.OnControl,
            ParentId: parentId, ControllerId: controller, ContainsPersonalData: s.PersonalData);
        var order = Order.Create(draft, author.Id, issuing.Id, created);
        var steps = s.Steps.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var gap = TimeSpan.FromHours(s.CreatedHoursAgo / (steps.Length + 2));
        var at = created;
        var comments = new List<(int, string, DateTime)>();
        string executing = s.To;
        Employee Responsible() => w.Staff[executing][0];
        // A late report or extension request names a reason from the shipped list (one per order, so the breakdown varies).
        int? DelayReason(OrderAction action, DateTime when) =>
            Delays.OrderDelay.Required(action, order.Status, order.DueAt, when) ? Delays.DelayReason.Shipped[s.Title.Length % Delays.DelayReason.Shipped.Count].Id : null;

        foreach (var step in steps)
        {
            at += gap;
            var (verb, arg) = step.Split(':') is [var v, var a] ? (v, a) : (step, "");
            var head = w.Heads[executing].Id;
            switch (verb)
            {
                case "send": order.Send(author.Id, at); break;
                case "accept": order.Accept(head, at); break;
                case "assign":
                    order.Assign(head, at, Responsible().Id, w.Staff[executing].Skip(1).Take(1).Select(e => e.Id));
                    break;
                case "fwd":
                    order.Forward(head, at, w.Departments[arg].Id, Reasons.Forward[arg]);
                    executing = arg;
                    break;
                case "decline": order.Decline(head, at, Reasons.Decline); break;
                case "submit": order.Submit(order.ResponsibleId ?? head, at, Reasons.Report, DelayReason(OrderAction.Submit, at)); break;
                case "approve": order.Approve(author.Id, at, int.TryParse(arg, out var mark) ? mark : null); break;
                case "return": order.Return(author.Id, at, Reasons.Return); break;
                case "extend": order.RequestExtension(order.ResponsibleId ?? head, at, order.DueAt.AddDays(7), Reasons.Extension,
                    DelayReason(OrderAction.RequestExtension, at)); break;
                case "extend-yes": order.DecideExtension(author.Id, at, true, "Согласовано."); break;
                case "cancel": order.Cancel(author.Id, at, Reasons.Cancel); break;
                case "offcontrol": order.TakeOffControl(order.ControllerId ?? author.Id, at, Reasons.OffControl); break;
                case "overdue": order.RecordOverdue(order.DueAt); break;
                case "comment":
                    var line = Reasons.Comments[(s.Title.Length + comments.Count) % Reasons.Comments.Length];
                    var who = comments.Count % 2 == 0 ? (order.ResponsibleId ?? head) : author.Id;
                    comments.Add((who, line, at));
                    break;
                default: throw new InvalidOperationException($"Unknown demo step '{step}'");
            }
        }
        if (order.DueAt < now) order.RecordOverdue(order.DueAt);
        return new Played(s, order, comments);
    }

    /// <summary>Kinds of orders a control department knows, with their usual terms (an administrator edits them at /admin/order-types).</summary>
    public static IEnumerable<Orders.OrderType> DemoOrderTypes() =>
    [
        new("Обращение гражданина (59-ФЗ)", new Calendar.Term(30, Calendar.TermKind.CalendarDays), countsWorkingTime: false),
        new("Поручение главы", new Calendar.Term(10, Calendar.TermKind.WorkingDays), countsWorkingTime: true),
        new("Запрос информации", new Calendar.Term(5, Calendar.TermKind.WorkingDays), countsWorkingTime: true),
        new("Прочее", new Calendar.Term(3, Calendar.TermKind.WorkingDays), countsWorkingTime: true),
    ];
}
