using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveOrders.Core.Data.Migrations;

/// <summary>What the deadline watcher has done for an order's current due time, so a restart neither misses nor repeats it.</summary>
[DbContext(typeof(LiveOrdersDbContext))]
[Migration("20261125000003_Deadlines")]
public sealed class DeadlinesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("ReminderSentAt", "Orders", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<DateTime>("EscalatedAt", "Orders", type: "TEXT", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("ReminderSentAt", "Orders");
        migrationBuilder.DropColumn("EscalatedAt", "Orders");
    }
}
