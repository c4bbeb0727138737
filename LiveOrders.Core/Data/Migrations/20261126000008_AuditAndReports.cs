using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_Id",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "WebhookSubscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SecretRotatedAt",
                table: "WebhookSubscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "WebhookDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "WebhookDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetriedAt",
                table: "WebhookDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorKey",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Administration");

            migrationBuilder.AddColumn<int>(
                name: "OrderId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "AuditEntries",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_FailedAt_Id",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "DeliveredAt", "FailedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ExecutingDepartmentId_Status_CompletedAt",
                table: "Orders",
                columns: new[] { "ExecutingDepartmentId", "Status", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_Kind_At_ToDepartmentId_OrderId",
                table: "OrderEvents",
                columns: new[] { "Kind", "At", "ToDepartmentId", "OrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorId_At",
                table: "AuditEntries",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Address_At",
                table: "AuditEntries",
                columns: new[] { "Address", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Kind_At",
                table: "AuditEntries",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrderId",
                table: "AuditEntries",
                column: "OrderId");

            migrationBuilder.AddForeignKey(
                name: "FK_AuditEntries_Orders_OrderId",
                table: "AuditEntries",
                column: "OrderId",
                principalTable: "Orders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AuditEntries_Orders_OrderId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_FailedAt_Id",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ExecutingDepartmentId_Status_CompletedAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OrderEvents_Kind_At_ToDepartmentId_OrderId",
                table: "OrderEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Address_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Kind_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OrderId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "SecretRotatedAt",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "RetriedAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "ActorKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_Id",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "DeliveredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");
        }
    }
}
