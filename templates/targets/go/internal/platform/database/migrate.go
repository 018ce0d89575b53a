package database

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"

	"github.com/jackc/pgx/v5"
)

// MigrationSet is one owner's ordered SQL files (a module's or the platform's migrations/ folder,
// embedded in the binary).
type MigrationSet struct {
	Owner string
	Files fs.FS
}

// Migrate applies every pending migration in one transaction under an advisory lock, so two
// replicas (or a Job and a developer) never race. A migration is recorded by owner and file name;
// files are applied in name order (001_…, 002_…). It is its own command (`server migrate`),
// never part of serving by default (contract C68).
func Migrate(ctx context.Context, db *DB, sets []MigrationSet, logger *slog.Logger) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('schema_migrations'))`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			owner text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (owner, name))`); err != nil {
			return err
		}
		for _, set := range sets {
			names, err := fs.Glob(set.Files, "*.sql")
			if err != nil {
				return err
			}
			sort.Strings(names)
			for _, name := range names {
				var applied bool
				if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE owner = $1 AND name = $2)`, set.Owner, name).Scan(&applied); err != nil {
					return err
				}
				if applied {
					continue
				}
				sql, err := fs.ReadFile(set.Files, name)
				if err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, string(sql)); err != nil {
					return fmt.Errorf("migration %s/%s: %w", set.Owner, path.Base(name), err)
				}
				if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (owner, name) VALUES ($1, $2)`, set.Owner, name); err != nil {
					return err
				}
				logger.InfoContext(ctx, "migration applied", slog.String("owner", set.Owner), slog.String("name", name))
			}
		}
		return nil
	})
}
