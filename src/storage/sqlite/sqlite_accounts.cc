#include "storage/sqlite/sqlite_store.h"

namespace hearth::storage::sqlite {

Result<int64_t> SqliteStore::CreateAccount(const Account& /*account*/) { return Status::Unimplemented("CreateAccount"); }

Result<Account> SqliteStore::GetAccount(int64_t /*id*/) { return Status::Unimplemented("GetAccount"); }

Result<Account> SqliteStore::FindAccountByEmail(std::string_view /*email*/) { return Status::Unimplemented("FindAccountByEmail"); }

Result<std::vector<Account>> SqliteStore::ListAccounts() { return Status::Unimplemented("ListAccounts"); }

Status SqliteStore::UpdateAccount(const Account& /*account*/) { return Status::Unimplemented("UpdateAccount"); }

Status SqliteStore::SetPasswordHash(int64_t /*account_id*/, std::string_view /*hash*/) { return Status::Unimplemented("SetPasswordHash"); }

Status SqliteStore::DeleteAccount(int64_t /*account_id*/) { return Status::Unimplemented("DeleteAccount"); }

Result<int64_t> SqliteStore::CreateHousehold(std::string_view /*name*/) { return Status::Unimplemented("CreateHousehold"); }

Result<Household> SqliteStore::GetHousehold(int64_t /*id*/) { return Status::Unimplemented("GetHousehold"); }

Result<std::vector<Account>> SqliteStore::HouseholdMembers(int64_t /*household_id*/) { return Status::Unimplemented("HouseholdMembers"); }

Status SqliteStore::CreateSession(const Session& /*session*/) { return Status::Unimplemented("CreateSession"); }

Result<Session> SqliteStore::GetSession(std::string_view /*token_hash*/) { return Status::Unimplemented("GetSession"); }

Status SqliteStore::TouchSession(std::string_view /*token_hash*/, int64_t /*now_unix*/) { return Status::Unimplemented("TouchSession"); }

Status SqliteStore::DeleteSession(std::string_view /*token_hash*/) { return Status::Unimplemented("DeleteSession"); }

Status SqliteStore::DeleteSessionsOf(int64_t /*account_id*/) { return Status::Unimplemented("DeleteSessionsOf"); }

Status SqliteStore::DeleteExpiredSessions(int64_t /*now_unix*/) { return Status::Unimplemented("DeleteExpiredSessions"); }

Status SqliteStore::RecordLoginFailure(std::string_view /*key*/, int64_t /*at_unix*/) { return Status::Unimplemented("RecordLoginFailure"); }

Result<std::vector<int64_t>> SqliteStore::LoginFailuresSince(std::string_view /*key*/, int64_t /*since_unix*/) { return Status::Unimplemented("LoginFailuresSince"); }

Status SqliteStore::ClearLoginFailures(std::string_view /*key*/) { return Status::Unimplemented("ClearLoginFailures"); }

Result<int64_t> SqliteStore::CreateProfile(int64_t /*owner_id*/, std::string_view /*json*/) { return Status::Unimplemented("CreateProfile"); }

Result<StoredProfile> SqliteStore::GetProfile(int64_t /*id*/) { return Status::Unimplemented("GetProfile"); }

Result<std::vector<StoredProfile>> SqliteStore::ListProfiles(int64_t /*owner_id*/) { return Status::Unimplemented("ListProfiles"); }

Status SqliteStore::UpdateProfile(int64_t /*id*/, std::string_view /*json*/) { return Status::Unimplemented("UpdateProfile"); }

Status SqliteStore::DeleteProfile(int64_t /*id*/) { return Status::Unimplemented("DeleteProfile"); }

Result<int64_t> SqliteStore::CreatePlan(int64_t /*owner_id*/, std::string_view /*document*/) { return Status::Unimplemented("CreatePlan"); }

Result<StoredPlan> SqliteStore::GetPlan(int64_t /*id*/) { return Status::Unimplemented("GetPlan"); }

Result<std::vector<StoredPlan>> SqliteStore::ListPlans(int64_t /*owner_id*/) { return Status::Unimplemented("ListPlans"); }

Status SqliteStore::UpdatePlan(int64_t /*id*/, std::string_view /*document*/) { return Status::Unimplemented("UpdatePlan"); }

Status SqliteStore::DeletePlan(int64_t /*id*/) { return Status::Unimplemented("DeletePlan"); }

Result<int64_t> SqliteStore::GrantConsent(int64_t /*client_id*/, int64_t /*nutritionist_id*/, std::string_view /*at*/) { return Status::Unimplemented("GrantConsent"); }

Status SqliteStore::RevokeConsent(int64_t /*consent_id*/, std::string_view /*at*/) { return Status::Unimplemented("RevokeConsent"); }

Result<Consent> SqliteStore::GetConsent(int64_t /*consent_id*/) { return Status::Unimplemented("GetConsent"); }

Result<std::vector<Consent>> SqliteStore::ListConsents(int64_t /*account_id*/) { return Status::Unimplemented("ListConsents"); }

Result<bool> SqliteStore::HasActiveConsent(int64_t /*client_id*/, int64_t /*nutritionist_id*/) { return Status::Unimplemented("HasActiveConsent"); }

}  // namespace hearth::storage::sqlite
