CREATE TYPE "public"."search_entity_type" AS ENUM('service', 'rights_article', 'vacancy');--> statement-breakpoint
CREATE TABLE "search_documents" (
	"entity_type" "search_entity_type" NOT NULL,
	"entity_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"names" text NOT NULL,
	"document" "tsvector" NOT NULL,
	CONSTRAINT "search_documents_entity_type_entity_id_locale_pk" PRIMARY KEY("entity_type","entity_id","locale")
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_documents_names_trgm_idx" ON "search_documents" USING gin ("names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_entity_idx" ON "search_documents" USING btree ("entity_id");