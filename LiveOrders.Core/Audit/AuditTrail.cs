using System.Globalization;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LiveOrders.Core.Audit;

/// <summary>
/// The one place audit entries are completed, called by <see cref="LiveOrdersDbContext"/> just before every save:
/// it refuses to change or delete an entry, writes an entry for every new order event (with the order's fields as they
/// were and as they become) and every new comment, and stamps the ambient <see cref="AuditOrigin"/>'s address on new
/// entries. So a new order action cannot be forgotten: whichever use case or background job appends an event, its entry
/// is saved in the same transaction.
/// </summary>
internal static class AuditTrail
{
    public const string Refusal = "Журнал изменений только дополняется: записи нельзя изменять и удалять.";
    public const string SystemName = "Система";

    public static void BeforeSave(LiveOrdersDbContext db, TimeZoneInfo zone)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException(Refusal);

        var events = entries.Where(e => e.State == EntityState.Added && e.Entity is OrderEvent).Select(e => (OrderEvent)e.Entity).ToList();
        var comments = entries.Where(e => e.State == EntityState.Added && e.Entity is OrderComment).Select(e => (OrderComment)e.Entity).ToList();
        if (events.Count > 0 || comments.Count > 0)
            new Writer(db, zone, entries).Write(events, comments);

        var address = AuditOrigin.Address;
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
            entry.Entity.StampAddress(address);
    }

    private sealed class Writer(LiveOrdersDbContext db, TimeZoneInfo zone, IReadOnlyList<EntityEntry> tracked)
    {
        private readonly Dictionary<int, string> _people = [];
        private readonly Dictionary<int, string> _departments = [];
        private readonly Dictionary<int, string> _types = [];
        private List<Order> _createdOrders = [];

        public void Write(IReadOnlyList<OrderEvent> events, IReadOnlyList<OrderComment> comments)
        {
            var orders = tracked.Where(e => e.Entity is Order).ToList();
            // A new order's events carry no order id yet: the order is the tracked one that holds them. One pass over the
            // tracked histories (not a search per event), so a save of thousands of orders stays linear.
            var holder = new Dictionary<OrderEvent, EntityEntry>(ReferenceEqualityComparer.Instance);
            foreach (var o in orders)
                foreach (var held in ((Order)o.Entity).History) holder.TryAdd(held, o);
            var byId = orders.Where(o => ((Order)o.Entity).Id > 0).GroupBy(o => ((Order)o.Entity).Id).ToDictionary(g => g.Key, g => g.First());
            _createdOrders = events.Where(e => e.Kind == OrderEventKind.Created && holder.ContainsKey(e)).Select(e => (Order)holder[e].Entity).ToList();
            var byEvent = events.ToDictionary(e => e, e =>
                holder.GetValueOrDefault(e) ?? (e.OrderId != 0 ? byId.GetValueOrDefault(e.OrderId) : null));
            var diffs = orders.ToDictionary(o => o, Diff);
            foreach (var (order, change) in CoExecutorChanges())
                if (byId.GetValueOrDefault(order) is { } o) diffs[o].Add(change);
            LoadNames(events, comments, diffs.Values.SelectMany(d => d));
            var labels = LoadLabels(events.Where(e => byEvent[e] is null).Select(e => e.OrderId).Concat(comments.Select(c => c.OrderId)));

            // Field changes go with the order's last event of this save: several events of one operation share one diff.
            var lastOfOrder = events.Where(e => byEvent[e] is not null).GroupBy(e => byEvent[e]!).ToDictionary(g => g.Key, g => g.Last());
            var onBehalfOf = AuditOrigin.OnBehalfOf;
            foreach (var e in events)
            {
                var orderEntry = byEvent[e];
                var order = (Order?)orderEntry?.Entity;
                var number = order?.Number ?? labels.GetValueOrDefault(e.OrderId).Number ?? "";
                var title = order?.Title ?? labels.GetValueOrDefault(e.OrderId).Title ?? "";
                var lines = new List<string>();
                if (orderEntry is not null && lastOfOrder[orderEntry] == e)
                    lines.AddRange(diffs[orderEntry].Select(d => d.Line(this)));
                if (e.Kind == OrderEventKind.Created && order is not null) lines.InsertRange(0, Initial(order));
                if (!string.IsNullOrWhiteSpace(e.Reason)) lines.Add($"{ReasonLabel(e.Kind)}: {e.Reason}");
                if (e.EmployeeId is { } employee && !lines.Any(l => l.Contains(Person(employee), StringComparison.Ordinal)))
                    lines.Add($"Сотрудник: {Person(employee)}");
                var summary = $"{Label(number, title)}: {e.Kind.Russian()}";
                // The system at work on a person's behalf (a recurring schedule): the system is the actor, and the line says why.
                var actorId = onBehalfOf is null ? e.ActorId : null;
                var actorName = onBehalfOf is null ? Actor(e.ActorId) : SystemName;
                if (onBehalfOf is not null) lines.Add(onBehalfOf);
                var entry = order is not null
                    ? AuditEntry.ForOrder(order, e.At, actorId, actorName, AuditActions.Of(e.Kind), AuditKind.Orders, summary, lines)
                    : AuditEntry.ForOrder(e.OrderId, number, e.At, actorId, actorName, AuditActions.Of(e.Kind), AuditKind.Orders, summary, lines);
                db.AuditEntries.Add(entry);
            }
            foreach (var c in comments)
            {
                var order = (Order?)byId.GetValueOrDefault(c.OrderId)?.Entity;
                var number = order?.Number ?? labels.GetValueOrDefault(c.OrderId).Number ?? "";
                var title = order?.Title ?? labels.GetValueOrDefault(c.OrderId).Title ?? "";
                var text = c.Text.Length > 300 ? c.Text[..300] + "…" : c.Text;
                db.AuditEntries.Add(AuditEntry.ForOrder(c.OrderId, number, c.CreatedAt, c.AuthorId, Actor(c.AuthorId), AuditActions.CommentAdded,
                    AuditKind.Comments, $"{Label(number, title)}: комментарий", [$"Текст: {text}"]));
            }
        }

        /// <summary>«Поручение П-2026/0042 «Отремонтировать ливнёвку»», its title cut short: the summary is one line.</summary>
        private static string Label(string number, string title)
        {
            var shortTitle = title.Length > 120 ? title[..120] + "…" : title;
            return $"Поручение {(number.Length > 0 ? number : "(черновик)")}{(shortTitle.Length > 0 ? $" «{shortTitle}»" : "")}";
        }

        private static string ReasonLabel(OrderEventKind kind) => kind switch
        {
            OrderEventKind.AttachmentAdded or OrderEventKind.AttachmentRemoved => "Файл",
            OrderEventKind.Submitted => "Отчёт",
            _ => "Причина",
        };

        private IEnumerable<string> Initial(Order o)
        {
            yield return $"Заголовок: «{o.Title}»";
            yield return $"Исполняет: {Department(o.ExecutingDepartmentId)}";
            if (o.ResponsibleId is { } r) yield return $"Ответственный: {Person(r)}";
            yield return $"Срок: {Date(o.DueAt)}";
            yield return $"Приоритет: {o.Priority.Russian()}";
            if (o.OnControl) yield return "На контроле: да";
            if (o.ControllerId is { } c) yield return $"Контролёр: {Person(c)}";
        }

        /// <summary>The order's audited fields that this save changes: before and after, as read from the change tracker.</summary>
        private static List<FieldChange> Diff(EntityEntry order)
        {
            if (order.State != EntityState.Modified) return [];
            return Fields
                .Select(f => (Field: f, Property: order.Property(f.Property)))
                .Where(p => p.Property.IsModified && !Equals(p.Property.OriginalValue, p.Property.CurrentValue))
                .Select(p => new FieldChange(p.Field, p.Property.OriginalValue, p.Property.CurrentValue))
                .ToList();
        }

        /// <summary>
        /// The co-executors this save changes, per order: they are rows beside the order (an assignment replaces them), not
        /// one of its fields, so they are read from their own tracked rows.
        /// </summary>
        private IEnumerable<(int OrderId, FieldChange Change)> CoExecutorChanges()
        {
            var rows = tracked.Where(e => e.Entity is OrderCoExecutor).ToList();
            if (!rows.Any(r => r.State is EntityState.Added or EntityState.Deleted)) yield break;
            foreach (var order in rows.GroupBy(r => ((OrderCoExecutor)r.Entity).OrderId))
            {
                var before = order.Where(r => r.State != EntityState.Added).Select(r => ((OrderCoExecutor)r.Entity).EmployeeId).Order().ToList();
                var after = order.Where(r => r.State != EntityState.Deleted).Select(r => ((OrderCoExecutor)r.Entity).EmployeeId).Order().ToList();
                if (!before.SequenceEqual(after)) yield return (order.Key, new FieldChange(CoExecutors, before, after));
            }
        }

        private static readonly Field CoExecutors = new("CoExecutors", "Соисполнители", Show.People);

        private enum Show { Text, Date, Person, People, Department, Type, YesNo, Status, Priority, Changed }

        private sealed record Field(string Property, string Name, Show Show);

        private static readonly Field[] Fields =
        [
            new(nameof(Order.Status), "Статус", Show.Status),
            new(nameof(Order.Number), "Номер", Show.Text),
            new(nameof(Order.Title), "Заголовок", Show.Text),
            new(nameof(Order.Text), "Текст", Show.Changed),
            new(nameof(Order.DueAt), "Срок", Show.Date),
            new(nameof(Order.RequestedDueAt), "Запрошенный срок", Show.Date),
            new(nameof(Order.ExecutingDepartmentId), "Исполняет", Show.Department),
            new(nameof(Order.ResponsibleId), "Ответственный", Show.Person),
            new(nameof(Order.Priority), "Приоритет", Show.Priority),
            new(nameof(Order.TypeId), "Вид", Show.Type),
            new(nameof(Order.OnControl), "На контроле", Show.YesNo),
            new(nameof(Order.ControllerId), "Контролёр", Show.Person),
            new(nameof(Order.ContainsPersonalData), "Персональные данные", Show.YesNo),
            new(nameof(Order.QualityMark), "Оценка", Show.Text),
        ];

        private sealed record FieldChange(Field Field, object? Before, object? After)
        {
            public string Line(Writer w) => Field.Show == Show.Changed
                ? $"{Field.Name}: изменён"
                : $"{Field.Name}: {w.Value(Field.Show, Before)} → {w.Value(Field.Show, After)}";
        }

        private string Value(Show show, object? value) => value switch
        {
            null => "—",
            string s when s.Length == 0 => "—",
            _ => show switch
            {
                Show.Date => Date((DateTime)value),
                Show.Person => Person((int)value),
                Show.People when value is List<int> { Count: 0 } => "—",
                Show.People => string.Join(", ", ((List<int>)value).Select(Person)),
                Show.Department => Department((int)value),
                Show.Type => _types.GetValueOrDefault((int)value, $"№{value}"),
                Show.YesNo => (bool)value ? "да" : "нет",
                Show.Status => ((OrderStatus)value).Russian(),
                Show.Priority => ((Priority)value).Russian(),
                Show.Text when value is string s => $"«{s}»",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "—",
            },
        };

        private string Date(DateTime utc) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

        private string Actor(int? id) => id is { } i ? Person(i) : SystemName;
        private string Person(int id) => _people.GetValueOrDefault(id, $"сотрудник №{id}");
        private string Department(int id) => _departments.GetValueOrDefault(id, $"подразделение №{id}");

        private void LoadNames(IReadOnlyList<OrderEvent> events, IReadOnlyList<OrderComment> comments, IEnumerable<FieldChange> changes)
        {
            var changeList = changes.ToList();
            var createdOrders = _createdOrders;
            var ids = events.SelectMany(e => new[] { e.ActorId, e.EmployeeId })
                .Concat(comments.Select(c => (int?)c.AuthorId))
                .Concat(changeList.Where(c => c.Field.Show == Show.Person).SelectMany(c => new[] { c.Before as int?, c.After as int? }))
                .Concat(changeList.Where(c => c.Field.Show == Show.People).SelectMany(c => ((List<int>)c.Before!).Concat((List<int>)c.After!)).Select(id => (int?)id))
                .Concat(createdOrders.SelectMany(o => new[] { o.ResponsibleId, o.ControllerId }))
                .OfType<int>().Distinct().ToList();
            foreach (var p in db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.FullName }).ToList())
                _people[p.Id] = p.FullName;
            var departmentIds = changeList.Where(c => c.Field.Show == Show.Department).SelectMany(c => new[] { c.Before as int?, c.After as int? })
                .Concat(createdOrders.Select(o => (int?)o.ExecutingDepartmentId)).OfType<int>().Distinct().ToList();
            if (departmentIds.Count > 0)
                foreach (var d in db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToList())
                    _departments[d.Id] = d.Name;
            var typeIds = changeList.Where(c => c.Field.Show == Show.Type).SelectMany(c => new[] { c.Before as int?, c.After as int? }).OfType<int>().Distinct().ToList();
            if (typeIds.Count > 0)
                foreach (var t in db.OrderTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToList())
                    _types[t.Id] = t.Name;
        }

        private Dictionary<int, (string? Number, string? Title)> LoadLabels(IEnumerable<int> orderIds)
        {
            var ids = orderIds.Where(i => i > 0).Distinct().ToList();
            return ids.Count == 0 ? [] : db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Number, o.Title })
                .ToDictionary(o => o.Id, o => ((string?)o.Number, (string?)o.Title));
        }
    }
}
