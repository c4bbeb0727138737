using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue10ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Orders_ExecutingDepartmentId_Status_CompletedAt",
                table: "Orders",
                columns: new[] { "ExecutingDepartmentId", "Status", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_Kind_At_ToDepartmentId_OrderId",
                table: "OrderEvents",
                columns: new[] { "Kind", "At", "ToDepartmentId", "OrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_ExecutingDepartmentId_Status_CompletedAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OrderEvents_Kind_At_ToDepartmentId_OrderId",
                table: "OrderEvents");
        }
    }
}
