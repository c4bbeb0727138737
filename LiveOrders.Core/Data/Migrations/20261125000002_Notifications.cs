using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveOrders.Core.Data.Migrations;

/// <summary>The in-app notifications (the bell), one row per recipient.</summary>
[DbContext(typeof(LiveOrdersDbContext))]
[Migration("20261125000002_Notifications")]
public sealed class NotificationsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                OrderId = table.Column<int>(type: "INTEGER", nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_Employees_RecipientId", x => x.RecipientId, "Employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Notifications_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Notifications_OrderId", "Notifications", "OrderId");
        migrationBuilder.CreateIndex("IX_Notifications_RecipientId_ReadAt_CreatedAt", "Notifications", ["RecipientId", "ReadAt", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Notifications");
}
