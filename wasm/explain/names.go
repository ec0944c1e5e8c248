package explain

// meaning is what a claim or header parameter is for, and where it is defined.
type meaning struct {
	kind        Kind
	description string
	// source is the defining document and section; for a private name,
	// whose tokens carry it (the vendors that define it).
	source string
	// date marks a NumericDate: seconds since 1970.
	date bool
}

// The kinds follow the registries: a name the JOSE and JWT RFCs of May 2015
// (RFC 7515 to 7519, which created the registries) define is Registered; a
// name another document added to the IANA registry is Public; a name in no
// registry is Private, and its source names who uses it. A test checks this
// against the registries' lists in testdata.

// Vendors whose private claims are explained, named as a source.
const (
	entra   = "Microsoft Entra ID"
	auth0   = "Auth0"
	okta    = "Okta"
	cognito = "Amazon Cognito"
)

// claims explains the claims of the IANA "JSON Web Token Claims" registry
// and the widespread private claims of the big identity providers.
var claims = map[string]meaning{
	// RFC 7519 §4.1, the registry's first entries.
	"iss": {Registered, "Issuer: who created and signed the token.", "RFC 7519 §4.1.1", false},
	"sub": {Registered, "Subject: whom the token is about, usually a user id, unique within the issuer.", "RFC 7519 §4.1.2", false},
	"aud": {Registered, "Audience: who the token is meant for; a recipient must reject a token not meant for it.", "RFC 7519 §4.1.3", false},
	"exp": {Registered, "Expiration time: the token must not be accepted on or after this time.", "RFC 7519 §4.1.4", true},
	"nbf": {Registered, "Not before: the token must not be accepted before this time.", "RFC 7519 §4.1.5", true},
	"iat": {Registered, "Issued at: when the token was created.", "RFC 7519 §4.1.6", true},
	"jti": {Registered, "JWT ID: a unique id for this token, to stop it being replayed.", "RFC 7519 §4.1.7", false},

	// OpenID Connect Core: the ID token and the standard profile claims.
	"auth_time":             {Public, "When the user actually authenticated (logged in), which may be long before the token was issued.", "OpenID Connect Core §2", true},
	"nonce":                 {Public, "A value from the client's authentication request, echoed back to tie the ID token to that request and stop replays.", "OpenID Connect Core §2", false},
	"acr":                   {Public, "Authentication Context Class Reference: how strongly the user was authenticated.", "OpenID Connect Core §2", false},
	"amr":                   {Public, "Authentication Methods References: how the user authenticated, e.g. pwd, otp, mfa.", "OpenID Connect Core §2, RFC 8176", false},
	"azp":                   {Public, "Authorized party: the client the ID token was issued to (Auth0, Keycloak and Google put it in access tokens too).", "OpenID Connect Core §2", false},
	"at_hash":               {Public, "Access token hash: the left half of the hash of the access token issued with this ID token.", "OpenID Connect Core §3.1.3.6", false},
	"c_hash":                {Public, "Code hash: the left half of the hash of the authorization code issued with this ID token.", "OpenID Connect Core §3.3.2.11", false},
	"sub_jwk":               {Public, "The public key of a self-issued ID token, which signed it; it proves only that the signer holds that key.", "OpenID Connect Core §7.4", false},
	"_claim_names":          {Public, "Maps claim names to the _claim_sources entries that hold them (aggregated and distributed claims; Entra ID uses it when a user has too many groups).", "OpenID Connect Core §5.6.2", false},
	"_claim_sources":        {Public, "Where aggregated or distributed claims come from: signed JWTs, or endpoints to fetch them from.", "OpenID Connect Core §5.6.2", false},
	"sid":                   {Public, "Session ID: identifies the user's session at the issuer, for logout.", "OpenID Connect Front-Channel Logout §3", false},
	"name":                  {Public, "The user's full name.", "OpenID Connect Core §5.1", false},
	"given_name":            {Public, "The user's given (first) name.", "OpenID Connect Core §5.1", false},
	"family_name":           {Public, "The user's family (last) name.", "OpenID Connect Core §5.1", false},
	"middle_name":           {Public, "The user's middle name.", "OpenID Connect Core §5.1", false},
	"nickname":              {Public, "A casual name for the user.", "OpenID Connect Core §5.1", false},
	"preferred_username":    {Public, "The name the user likes to be called by; not guaranteed unique, so never use it as an id.", "OpenID Connect Core §5.1", false},
	"profile":               {Public, "URL of the user's profile page.", "OpenID Connect Core §5.1", false},
	"picture":               {Public, "URL of the user's picture.", "OpenID Connect Core §5.1", false},
	"website":               {Public, "URL of the user's web page or blog.", "OpenID Connect Core §5.1", false},
	"email":                 {Public, "The user's email address.", "OpenID Connect Core §5.1", false},
	"email_verified":        {Public, "Whether the issuer has verified the email address; do not trust email without it.", "OpenID Connect Core §5.1", false},
	"gender":                {Public, "The user's gender.", "OpenID Connect Core §5.1", false},
	"birthdate":             {Public, "The user's birthday, as YYYY-MM-DD.", "OpenID Connect Core §5.1", false},
	"zoneinfo":              {Public, "The user's time zone, e.g. Europe/Paris.", "OpenID Connect Core §5.1", false},
	"locale":                {Public, "The user's locale, e.g. en-US.", "OpenID Connect Core §5.1", false},
	"phone_number":          {Public, "The user's telephone number.", "OpenID Connect Core §5.1", false},
	"phone_number_verified": {Public, "Whether the issuer has verified the phone number.", "OpenID Connect Core §5.1", false},
	"address":               {Public, "The user's postal address, as a JSON object.", "OpenID Connect Core §5.1", false},
	"updated_at":            {Public, "When the user's information was last updated.", "OpenID Connect Core §5.1", true},

	// OAuth: proof of possession, token exchange, access tokens.
	"cnf":                   {Public, "Confirmation: the key the presenter must prove they hold (proof of possession).", "RFC 7800 §3.1", false},
	"act":                   {Public, "Actor: who is acting on behalf of the subject (delegation).", "RFC 8693 §4.1", false},
	"scope":                 {Public, "The scopes (permissions) granted, separated by spaces.", "RFC 8693 §4.2", false},
	"client_id":             {Public, "The OAuth client the token was issued to (Amazon Cognito and Okta access tokens carry it too).", "RFC 8693 §4.3", false},
	"may_act":               {Public, "Who is allowed to act on behalf of the subject.", "RFC 8693 §4.4", false},
	"roles":                 {Public, "The roles of the subject (Entra ID puts app roles here).", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"groups":                {Public, "The groups the subject belongs to (Entra ID puts group object ids here).", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"entitlements":          {Public, "The entitlements of the subject.", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"authorization_details": {Public, "Rich authorization: a JSON array of the fine-grained rights granted, e.g. one payment of a given amount.", "RFC 9396 §9.1", false},
	"token_introspection":   {Public, "A token introspection response, signed as a JWT: whether the token asked about is active, and its data.", "RFC 9701 §5", false},
	"htm":                   {Public, "DPoP proof: the HTTP method of the request the proof is for.", "RFC 9449 §4.2", false},
	"htu":                   {Public, "DPoP proof: the URL of the request the proof is for, without query or fragment.", "RFC 9449 §4.2", false},
	"ath":                   {Public, "DPoP proof: the base64url SHA-256 hash of the access token sent with it.", "RFC 9449 §4.2", false},
	"at_use_nbr":            {Public, "How many API requests the access token may be used for (network functions virtualisation).", "ETSI GS NFV-SEC 022 V2.7.1", false},
	"ace_profile":           {Public, "ACE (constrained devices): the profile the token is to be used with.", "RFC 9200 §5.10", false},
	"cnonce":                {Public, "ACE: a nonce the resource server gave the client, echoed to prove the token is fresh when clocks cannot be trusted.", "RFC 9200 §5.10", false},
	"exi":                   {Public, "ACE: the token's lifetime in seconds from when the resource server first sees it, for devices without a clock.", "RFC 9200 §5.10.3", false},

	// Security Event Tokens and subject identifiers.
	"events": {Public, "Security events this token reports (a Security Event Token).", "RFC 8417 §2.2", false},
	"txn":    {Public, "Transaction id, to correlate tokens.", "RFC 8417 §2.2", false},
	"toe":    {Public, "Time of event.", "RFC 8417 §2.2", true},
	"sub_id": {Public, "Subject identifier: the subject as a JSON object naming its format, e.g. an email or an issuer and subject pair.", "RFC 9493 §4.1", false},

	// Telephony: STIR PASSporT and SIP.
	"orig":           {Public, "PASSporT: the calling party's identity (telephone number or URI).", "RFC 8225 §5.2.1", false},
	"dest":           {Public, "PASSporT: the called parties' identities.", "RFC 8225 §5.2.1", false},
	"mky":            {Public, "PASSporT: fingerprints of the media keys of the call.", "RFC 8225 §5.2.2", false},
	"rph":            {Public, "PASSporT: the Resource-Priority header the caller is authorized to use (emergency calls).", "RFC 8443 §3", false},
	"attest":         {Public, "SHAKEN PASSporT: the attestation level the carrier gives the caller's number, A, B or C.", "RFC 8588", false},
	"origid":         {Public, "SHAKEN PASSporT: an opaque id of where the call entered the network.", "RFC 8588", false},
	"div":            {Public, "PASSporT: the target a call was diverted to.", "RFC 8946", false},
	"opt":            {Public, "PASSporT: the original PASSporT of a diverted call, in full form.", "RFC 8946", false},
	"jcard":          {Public, "PASSporT: the caller's contact card (jCard).", "RFC 8688, RFC 7095", false},
	"sph":            {Public, "PASSporT: the SIP Priority header field the caller may use.", "RFC 9027", false},
	"atc":            {Public, "Authority token challenge: the challenge for which an ACME authority token was issued (e.g. to own a telephone number).", "RFC 9447", false},
	"rcd":            {Public, "PASSporT rich call data: the caller's display name, logo and the like.", "RFC 9795", false},
	"rcdi":           {Public, "PASSporT rich call data integrity: hashes of the resources rcd links to.", "RFC 9795", false},
	"crn":            {Public, "PASSporT: the reason for the call, shown to the callee.", "RFC 9795", false},
	"msgi":           {Public, "PASSporT: the integrity information of a message (e.g. a text message) it signs.", "RFC 9475", false},
	"sip_from_tag":   {Public, "The SIP From tag of the request the token was made for.", "RFC 8055, RFC 3261", false},
	"sip_date":       {Public, "The SIP Date header of the request the token was made for.", "RFC 8055, RFC 3261", false},
	"sip_callid":     {Public, "The SIP Call-ID of the request the token was made for.", "RFC 8055, RFC 3261", false},
	"sip_cseq_num":   {Public, "The SIP CSeq number of the request the token was made for.", "RFC 8055, RFC 3261", false},
	"sip_via_branch": {Public, "The SIP Via branch parameter of the request the token was made for.", "RFC 8055, RFC 3261", false},

	// Vectors of trust, verifiable credentials, identity assurance.
	"vot":               {Public, "Vector of trust: how well the identity was proofed and the user authenticated, e.g. P1.Cc.", "RFC 8485", false},
	"vtm":               {Public, "Vector of trust trustmark: URL of the document saying which vectors the issuer may assert.", "RFC 8485", false},
	"vc":                {Public, "A W3C verifiable credential, carried in the JWT.", "W3C Verifiable Credentials Data Model 1.0 §6.3.1", false},
	"vp":                {Public, "A W3C verifiable presentation, carried in the JWT.", "W3C Verifiable Credentials Data Model 1.0 §6.3.1", false},
	"verified_claims":   {Public, "Claims about the user together with how they were verified (e.g. an ID document checked in person).", "OpenID Identity Assurance Schema Definition 1.0 §5", false},
	"place_of_birth":    {Public, "The user's place of birth, as a JSON object.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"nationalities":     {Public, "The user's nationalities, as country codes.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"birth_family_name": {Public, "The user's family name at birth.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"birth_given_name":  {Public, "The user's given name at birth.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"birth_middle_name": {Public, "The user's middle name at birth.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"salutation":        {Public, "The user's salutation, e.g. Mr.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"title":             {Public, "The user's title, e.g. Dr.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"msisdn":            {Public, "The user's mobile phone number, in E.164 form.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},
	"also_known_as":     {Public, "Another name the user is known by, e.g. a stage name.", "OpenID Connect for Identity Assurance Claims Registration 1.0 §4", false},

	// Selective disclosure (SD-JWT) and token status.
	"_sd":         {Public, "SD-JWT: digests of the disclosures that may reveal more claims of this object.", "RFC 9901 §4.2.4.1", false},
	"...":         {Public, "SD-JWT: the digest of a disclosure that may reveal an array element.", "RFC 9901 §4.2.4.2", false},
	"_sd_alg":     {Public, "SD-JWT: the hash algorithm of the disclosure digests, e.g. sha-256.", "RFC 9901 §4.1.1", false},
	"sd_hash":     {Public, "SD-JWT key binding: the hash of the SD-JWT the key binding JWT is tied to.", "RFC 9901 §4.3", false},
	"vct":         {Private, "SD-JWT VC (not in IANA's registry as we transcribed it): the credential's type, a string (often a URI) naming what it attests and its schema.", "SD-JWT-based Verifiable Credentials (draft-ietf-oauth-sd-jwt-vc) §3.2.2.1.1", false},
	"status":      {Public, "Where to look up whether this token was revoked or suspended, e.g. an index in a status list.", "Token Status List (draft-ietf-oauth-status-list)", false},
	"status_list": {Public, "A status list: one compressed bit string holding the status of many tokens.", "Token Status List (draft-ietf-oauth-status-list)", false},
	"ttl":         {Public, "How many seconds a status list token may be cached before fetching it again.", "Token Status List (draft-ietf-oauth-status-list)", false},

	// Entity attestation (RFC 9711): claims about a device.
	"eat_nonce":    {Public, "EAT: the verifier's nonce, echoed to show the attestation is fresh.", "RFC 9711", false},
	"ueid":         {Public, "EAT: the device's universal, permanent id.", "RFC 9711", false},
	"sueids":       {Public, "EAT: the device's semi-permanent ids, which change e.g. on factory reset.", "RFC 9711", false},
	"oemid":        {Public, "EAT: the id of the hardware's manufacturer.", "RFC 9711", false},
	"hwmodel":      {Public, "EAT: the hardware model.", "RFC 9711", false},
	"hwversion":    {Public, "EAT: the hardware version.", "RFC 9711", false},
	"oemboot":      {Public, "EAT: whether the software booted was authorized by the manufacturer.", "RFC 9711", false},
	"dbgstat":      {Public, "EAT: the state of the debug facilities (enabled, disabled, permanently disabled).", "RFC 9711", false},
	"location":     {Public, "EAT: the device's geographic location.", "RFC 9711", false},
	"eat_profile":  {Public, "EAT: the profile the attestation follows.", "RFC 9711", false},
	"submods":      {Public, "EAT: the claims of the device's submodules.", "RFC 9711", false},
	"uptime":       {Public, "EAT: seconds since the device booted.", "RFC 9711", false},
	"bootcount":    {Public, "EAT: how many times the device has booted.", "RFC 9711", false},
	"bootseed":     {Public, "EAT: a random value that identifies one boot cycle.", "RFC 9711", false},
	"dloas":        {Public, "EAT: the certifications the device has received (digital letters of approval).", "RFC 9711", false},
	"swname":       {Public, "EAT: the name of the software running on the device.", "RFC 9711", false},
	"swversion":    {Public, "EAT: the version of the software running on the device.", "RFC 9711", false},
	"manifests":    {Public, "EAT: manifests of the software installed on the device.", "RFC 9711", false},
	"measurements": {Public, "EAT: measurements (hashes) of the device's software and configuration.", "RFC 9711", false},
	"measres":      {Public, "EAT: the results of comparing the measurements with reference values.", "RFC 9711", false},
	"intuse":       {Public, "EAT: what the attestation is intended for, e.g. registration or proof of possession.", "RFC 9711", false},
	"cmw":          {Public, "RATS: a conceptual message wrapper carrying attestation evidence or results.", "RFC-ietf-rats-msg-wrap §3.1, §3.3", false},

	// CDNI signed URIs, signature validation, RDAP, geolocation.
	"cdniv":                 {Public, "CDNI: the version of the claim set of a signed URI token.", "RFC 9246 §2.1.8", false},
	"cdnicrit":              {Public, "CDNI: the claims the CDN must understand to accept the token.", "RFC 9246 §2.1.9", false},
	"cdniip":                {Public, "CDNI: the client IP address the token is for.", "RFC 9246 §2.1.10", false},
	"cdniuc":                {Public, "CDNI: the URIs (a pattern or a hash) the token grants access to.", "RFC 9246 §2.1.11", false},
	"cdniets":               {Public, "CDNI: how many seconds each renewed token is valid for.", "RFC 9246 §2.1.12", false},
	"cdnistt":               {Public, "CDNI: how a renewed token is sent to the client.", "RFC 9246 §2.1.13", false},
	"cdnistd":               {Public, "CDNI: how many path segments a renewed token covers.", "RFC 9246 §2.1.14", false},
	"sig_val_claims":        {Public, "Signature validation token: the result of validating a signature, recorded so it can be trusted later.", "RFC 9321 §3.2.3", false},
	"rdap_allowed_purposes": {Public, "RDAP: the purposes for which the user may query registration data.", "RFC 9560 §3.1.5.1", false},
	"rdap_dnt_allowed":      {Public, "RDAP: whether the user may ask the server not to track their queries.", "RFC 9560 §3.1.5.2", false},
	"geohash":               {Public, "A geohash, or several: the location of the user agent.", "CTA-5009", false},

	// 3GPP 5G core: tokens between network functions.
	"consumerPlmnId":         {Public, "5G: the network (PLMN) of the service consumer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"consumerSnpnId":         {Public, "5G: the non-public network (SNPN) of the service consumer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerPlmnId":         {Public, "5G: the network (PLMN) of the service producer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerSnpnId":         {Public, "5G: the non-public network (SNPN) of the service producer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerSnssaiList":     {Public, "5G: the network slices (S-NSSAIs) of the producer the consumer may use.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerNsiList":        {Public, "5G: the network slice instances of the producer the consumer may use.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerNfSetId":        {Public, "5G: the NF set of the service producer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"producerNfServiceSetId": {Public, "5G: the NF service set of the service producer.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"sourceNfInstanceId":     {Public, "5G: the network function instance the request comes from.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"analyticsIdList":        {Public, "5G: the analytics ids the consumer may request.", "3GPP TS 29.510 §6.3.5.2.4", false},
	"resOwnerId":             {Public, "5G: the owner of the resource, e.g. a subscriber's GPSI.", "3GPP TS 29.222 §8.5.4.2.8", false},

	// OpenID Federation entity statements.
	"jwks":                 {Public, "OpenID Federation: the entity's federation signing keys, as a JWK set.", "OpenID Federation 1.0 §13.1", false},
	"metadata":             {Public, "OpenID Federation: the entity's metadata, per entity type.", "OpenID Federation 1.0 §13.2", false},
	"constraints":          {Public, "OpenID Federation: limits on the trust chain below, e.g. its length or naming.", "OpenID Federation 1.0 §13.3", false},
	"crit":                 {Public, "OpenID Federation: extension claims the recipient must understand, or else reject the statement.", "OpenID Federation 1.0 §13.4", false},
	"ref":                  {Public, "OpenID Federation: a URL with more information about a trust mark.", "OpenID Federation 1.0 §13.5", false},
	"delegation":           {Public, "OpenID Federation: a JWT by which a trust mark's owner lets an issuer issue it.", "OpenID Federation 1.0 §13.6", false},
	"logo_uri":             {Public, "OpenID Federation: URL of a logo.", "OpenID Federation 1.0 §13.7", false},
	"authority_hints":      {Public, "OpenID Federation: the superiors that can vouch for this entity.", "OpenID Federation 1.0 §3.2", false},
	"trust_anchor_hints":   {Public, "OpenID Federation: the trust anchors this entity trusts.", "OpenID Federation 1.0 §3.2", false},
	"trust_marks":          {Public, "OpenID Federation: trust marks (signed statements of conformance) the entity holds.", "OpenID Federation 1.0 §3.2", false},
	"trust_mark_issuers":   {Public, "OpenID Federation: which entities may issue each trust mark.", "OpenID Federation 1.0 §3.2", false},
	"trust_mark_owners":    {Public, "OpenID Federation: the owner of each trust mark, with its keys.", "OpenID Federation 1.0 §3.2", false},
	"metadata_policy":      {Public, "OpenID Federation: rules that change or restrict the metadata of the entities below.", "OpenID Federation 1.0 §3.3", false},
	"metadata_policy_crit": {Public, "OpenID Federation: policy operators the recipient must understand.", "OpenID Federation 1.0 §3.3", false},
	"source_endpoint":      {Public, "OpenID Federation: the URL the statement was fetched from.", "OpenID Federation 1.0 §3.3", false},
	"keys":                 {Public, "OpenID Federation: the keys of a JWK set, in a signed JWK set.", "OpenID Federation 1.0 §5.2.1", false},
	"trust_mark_type":      {Public, "OpenID Federation: the identifier of a trust mark's type.", "OpenID Federation 1.0 §7.1", false},
	"trust_chain":          {Public, "OpenID Federation: a trust chain, the entity statements from an entity up to a trust anchor.", "OpenID Federation 1.0 §8.3.2", false},
	"trust_anchor":         {Public, "OpenID Federation: the trust anchor a registration was made under.", "OpenID Federation 1.0 §12.2.3", false},

	// Unregistered claims defined by specifications, and by vendors.
	"s_hash": {Private, "State hash: the left half of the hash of the state value (not in the IANA registry).", "Financial-grade API 1.0 Part 2 (Advanced)", false},

	"tid":                 {Private, "Tenant ID: the directory (tenant) the user signed in to.", entra, false},
	"oid":                 {Private, "Object ID: the user's immutable id in the directory, the same across applications.", entra, false},
	"upn":                 {Private, "User principal name: the user's sign-in name, which can change; do not use it as an id.", entra, false},
	"unique_name":         {Private, "A human-readable name of the user (v1.0 tokens); not unique, do not use it as an id.", entra, false},
	"scp":                 {Private, "The scopes granted to the client, as a space-separated string (Entra ID) or an array (Okta).", entra + ", " + okta, false},
	"wids":                {Private, "The directory roles of the user, as role template ids.", entra, false},
	"ver":                 {Private, "The version of the token's format, e.g. 1.0 or 2.0 (Entra ID) or 1 (Okta).", entra + ", " + okta, false},
	"idp":                 {Private, "The identity provider that authenticated the user, when not the issuer itself (e.g. a guest's home tenant).", entra + ", " + okta, false},
	"idtyp":               {Private, "Whether the token is for a user or an app (app-only tokens).", entra, false},
	"uti":                 {Private, "Token identifier, an internal unique id of the token; ignore it.", entra, false},
	"rh":                  {Private, "An opaque internal claim used to revalidate tokens; ignore it.", entra, false},
	"aio":                 {Private, "An opaque internal claim recording data for token reuse; ignore it.", entra, false},
	"appid":               {Private, "The client application's id (v1.0 tokens; azp in v2.0).", entra, false},
	"appidacr":            {Private, "How the client authenticated (v1.0): 0 public client, 1 client secret, 2 certificate.", entra, false},
	"azpacr":              {Private, "How the client authenticated (v2.0): 0 public client, 1 client secret, 2 certificate.", entra, false},
	"ipaddr":              {Private, "The IP address the user authenticated from.", entra, false},
	"onprem_sid":          {Private, "The user's security identifier in on-premises Active Directory.", entra, false},
	"hasgroups":           {Private, "Present when the user is in too many groups to list; fetch them from Microsoft Graph.", entra, false},
	"acrs":                {Private, "The authentication context class references (conditional access) the user satisfied.", entra, false},
	"deviceid":            {Private, "The id of the user's device in the directory.", entra, false},
	"login_hint":          {Private, "An opaque hint to sign the same user in again.", entra, false},
	"ctry":                {Private, "The user's country or region, as a two-letter code.", entra, false},
	"tenant_ctry":         {Private, "The tenant's country or region, as a two-letter code.", entra, false},
	"tenant_region_scope": {Private, "The region of the tenant's resources, e.g. NA or EU.", entra, false},
	"xms_cc":              {Private, "Client capabilities, e.g. cp1: the client can handle continuous access evaluation challenges.", entra, false},
	"xms_pdl":             {Private, "The user's preferred data location (multi-geo tenants).", entra, false},
	"xms_pl":              {Private, "The user's preferred language.", entra, false},
	"xms_tpl":             {Private, "The tenant's preferred language.", entra, false},
	"xms_*":               {Private, "A Microsoft extension claim (xms_ prefix), internal or optional; see the Entra ID claims reference.", entra, false},
	"extension_*":         {Private, "A custom user attribute (directory extension), named extension_<app id>_<attribute>.", entra + " and Azure AD B2C", false},

	"org_id":      {Private, "The organization the user logged in through.", auth0, false},
	"org_name":    {Private, "The name of the organization the user logged in through.", auth0, false},
	"permissions": {Private, "The permissions (API scopes from role-based access control) granted to the user.", auth0, false},
	"gty":         {Private, "The grant type the token was issued by, e.g. client-credentials or password.", auth0, false},

	"uid": {Private, "The user's id in Okta (access tokens).", okta, false},
	"cid": {Private, "The client id of the application the access token was issued to.", okta, false},

	"realm_access":    {Private, "The user's realm roles, as {\"roles\": [...]}.", "Keycloak", false},
	"resource_access": {Private, "The user's client roles, per client, as {\"client\": {\"roles\": [...]}}.", "Keycloak", false},
	"session_state":   {Private, "The id of the user's session at Keycloak (older name of sid).", "Keycloak", false},
	"typ":             {Private, "The kind of token: Bearer (access), ID or Refresh; a verifier must check it to stop one kind being used as another.", "Keycloak", false},
	"allowed-origins": {Private, "The web origins allowed to use the token (CORS).", "Keycloak", false},

	"hd":       {Private, "Hosted domain: the Google Workspace domain of the user; check it to limit sign-in to your domain.", "Google", false},
	"user_id":  {Private, "The user's id (the same as sub).", "Google Firebase Authentication", false},
	"firebase": {Private, "How the user signed in (sign_in_provider) and their linked identities.", "Google Firebase Authentication", false},

	"cognito:groups":         {Private, "The Cognito user pool groups the user belongs to.", cognito, false},
	"cognito:username":       {Private, "The user's name in the user pool (ID tokens).", cognito, false},
	"cognito:roles":          {Private, "The IAM roles of the user's groups.", cognito, false},
	"cognito:preferred_role": {Private, "The IAM role of the user's highest-priority group.", cognito, false},
	"custom:*":               {Private, "A custom user pool attribute (custom: prefix).", cognito, false},
	"token_use":              {Private, "The kind of token: access or id; check it so an ID token is not accepted as an access token.", cognito, false},
	"username":               {Private, "The user's name in the user pool (access tokens).", cognito, false},
	"origin_jti":             {Private, "The id of the original authentication, shared by all tokens refreshed from it; used to revoke them together.", cognito, false},
	"event_id":               {Private, "The id of the authentication event.", cognito, false},
	"identities":             {Private, "The federated identities (e.g. Google, SAML) linked to the user.", cognito, false},
}

// headers explains the JOSE header parameters of the IANA "JSON Web
// Signature and Encryption Header Parameters" registry.
var headers = map[string]meaning{
	"alg":      {Registered, "Algorithm: how the token is signed. A verifier must choose the algorithms it accepts, not take this on trust.", "RFC 7515 §4.1.1", false},
	"typ":      {Registered, "Type of the whole token, usually JWT (or at+jwt for access tokens, kb+jwt for an SD-JWT's key-binding JWT, dc+sd-jwt for an SD-JWT VC); lets a verifier tell kinds of tokens apart.", "RFC 7515 §4.1.9", false},
	"cty":      {Registered, "Content type of the payload; \"JWT\" means the payload is itself a nested JWT.", "RFC 7515 §4.1.10", false},
	"kid":      {Registered, "Key ID: a hint saying which key signed the token, used to pick it from a key set.", "RFC 7515 §4.1.4", false},
	"jku":      {Registered, "JWK Set URL: where the signer says its keys are. Never fetch it on trust: an attacker can point it at their own keys.", "RFC 7515 §4.1.2", false},
	"jwk":      {Registered, "The public key that signed the token, embedded. It proves nothing unless you already trust that key.", "RFC 7515 §4.1.3", false},
	"x5u":      {Registered, "X.509 URL: where the signer's certificate chain is. Never fetch it on trust.", "RFC 7515 §4.1.5", false},
	"x5c":      {Registered, "X.509 certificate chain of the signing key, embedded; trust it only after validating the chain.", "RFC 7515 §4.1.6", false},
	"x5t":      {Registered, "SHA-1 thumbprint of the signer's X.509 certificate.", "RFC 7515 §4.1.7", false},
	"x5t#S256": {Registered, "SHA-256 thumbprint of the signer's X.509 certificate.", "RFC 7515 §4.1.8", false},
	"crit":     {Registered, "Critical: extensions the verifier must understand, or else reject the token.", "RFC 7515 §4.1.11", false},

	// Encryption (JWE) only: in a signed token they mean nothing.
	"enc": {Registered, "Content encryption algorithm of an encrypted token (JWE): how the plaintext is encrypted and authenticated under the content key, AES-GCM (A128GCM…) or AES-CBC with HMAC (A128CBC-HS256…); a signed token has none.", "RFC 7516 §4.1.2", false},
	"zip": {Registered, "Compression of the plaintext before encryption (only \"DEF\", DEFLATE; JWE only). It makes the ciphertext's length depend on the content, which can leak secrets (RFC 8725 §3.6).", "RFC 7516 §4.1.3", false},
	"epk": {Registered, "Ephemeral public key the sender made for ECDH-ES key agreement (JWE only); a recipient must check it is on its own key's curve, or an invalid-curve attack leaks the private key.", "RFC 7518 §4.6.1.1", false},
	"apu": {Registered, "Agreement PartyUInfo: information about the sender, mixed into the ECDH-ES key derivation (JWE only).", "RFC 7518 §4.6.1.2", false},
	"apv": {Registered, "Agreement PartyVInfo: information about the recipient, mixed into the ECDH-ES key derivation (JWE only).", "RFC 7518 §4.6.1.3", false},
	"iv":  {Registered, "Initialization vector of the AES-GCM wrapping of the content key (A128GCMKW…, JWE only); the content's own IV is the token's third part.", "RFC 7518 §4.7.1.1", false},
	"tag": {Registered, "Authentication tag of the AES-GCM wrapping of the content key (A128GCMKW…, JWE only); the content's own tag is the token's fifth part.", "RFC 7518 §4.7.1.2", false},
	"p2s": {Registered, "PBES2 salt input, mixed into the password-based key derivation (JWE only); at least 8 random bytes, so one password gives a different key in each token.", "RFC 7518 §4.8.1.1", false},
	"p2c": {Registered, "PBES2 count: how many PBKDF2 iterations derive the key from the password (JWE only): at least 1000, more makes guessing slower; a huge count makes a recipient burn CPU (the playground refuses more than 1,000,000).", "RFC 7518 §4.8.1.2", false},

	// Claims copied into the header, readable before decryption.
	"iss": {Registered, "A copy of the iss claim, readable before an encrypted token is decrypted; it must equal the claim.", "RFC 7519 §4.1.1, §5.3", false},
	"sub": {Registered, "A copy of the sub claim, readable before an encrypted token is decrypted; it must equal the claim.", "RFC 7519 §4.1.2, §5.3", false},
	"aud": {Registered, "A copy of the aud claim, readable before an encrypted token is decrypted; it must equal the claim.", "RFC 7519 §4.1.3, §5.3", false},

	"b64":              {Public, "false means the payload is not base64url-encoded (unencoded payload option); it must then be listed in crit.", "RFC 7797 §3", false},
	"ppt":              {Public, "PASSporT extension: which extension (e.g. shaken, div) the PASSporT's claims follow.", "RFC 8225 §8.1", false},
	"url":              {Public, "ACME: the URL the signed request is sent to, so it cannot be replayed to another endpoint.", "RFC 8555 §6.4.1", false},
	"nonce":            {Public, "ACME: a nonce from the server, against replays (Microsoft Graph access tokens carry one too, and verify only at Graph).", "RFC 8555 §6.5.2", false},
	"svt":              {Public, "Signature validation token: a signed record that this signature was validated, to trust it later without validating again.", "RFC 9321", false},
	"iheSSId":          {Public, "IHE document sharing: the unique id of the submission set the signature covers.", "IHE ITI DSGj Volume 3 §5.10", false},
	"jwt":              {Public, "A JWT carried in the header, e.g. a verifier attestation; how to process it depends on its own typ.", "OpenID for Verifiable Presentations 1.0 §12", false},
	"client_id":        {Public, "The OAuth client identifier of the signer.", "RFC 6749 §2.2", false},
	"trust_chain":      {Public, "OpenID Federation: the signer's trust chain, the entity statements up to a trust anchor.", "OpenID Federation 1.0 §4.3", false},
	"peer_trust_chain": {Public, "OpenID Federation: a trust chain for the recipient, ending at the same trust anchor.", "OpenID Federation 1.0 §4.4", false},
}

// lookup finds what name means: its own entry, or else the entry of a
// vendor prefix it starts with ("xms_*" for xms_ssm, "custom:*" for
// custom:tenant), the shortest prefix first.
func lookup(known map[string]meaning, name string) (meaning, bool) {
	if m, ok := known[name]; ok {
		return m, true
	}
	for i := 0; i < len(name); i++ {
		if name[i] != '_' && name[i] != ':' {
			continue
		}
		if m, ok := known[name[:i+1]+"*"]; ok {
			return m, true
		}
	}
	return meaning{}, false
}
