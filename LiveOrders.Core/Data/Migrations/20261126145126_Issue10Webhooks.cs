using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue10Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_Id",
                table: "WebhookDeliveries");

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

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_FailedAt_Id",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "DeliveredAt", "FailedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_FailedAt_Id",
                table: "WebhookDeliveries");

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

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_DeliveredAt_Id",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "DeliveredAt", "Id" });
        }
    }
}
