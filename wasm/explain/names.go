package explain

// meaning is what a claim or header parameter is for, and where it is defined.
type meaning struct {
	kind        Kind
	description string
	source      string
	// date marks a NumericDate: seconds since 1970.
	date bool
}

// claims explains the claims people meet: RFC 7519's registered claims,
// OpenID Connect's ID token and profile claims, and common access token claims.
var claims = map[string]meaning{
	"iss": {Registered, "Issuer: who created and signed the token.", "RFC 7519 §4.1.1", false},
	"sub": {Registered, "Subject: whom the token is about, usually a user id, unique within the issuer.", "RFC 7519 §4.1.2", false},
	"aud": {Registered, "Audience: who the token is meant for; a recipient must reject a token not meant for it.", "RFC 7519 §4.1.3", false},
	"exp": {Registered, "Expiration time: the token must not be accepted on or after this time.", "RFC 7519 §4.1.4", true},
	"nbf": {Registered, "Not before: the token must not be accepted before this time.", "RFC 7519 §4.1.5", true},
	"iat": {Registered, "Issued at: when the token was created.", "RFC 7519 §4.1.6", true},
	"jti": {Registered, "JWT ID: a unique id for this token, to stop it being replayed.", "RFC 7519 §4.1.7", false},

	"auth_time":             {Public, "When the user actually authenticated (logged in), which may be long before the token was issued.", "OpenID Connect Core §2", true},
	"nonce":                 {Public, "A value from the client's authentication request, echoed back to tie the ID token to that request and stop replays.", "OpenID Connect Core §2", false},
	"acr":                   {Public, "Authentication Context Class Reference: how strongly the user was authenticated.", "OpenID Connect Core §2", false},
	"amr":                   {Public, "Authentication Methods References: how the user authenticated, e.g. pwd, otp, mfa.", "OpenID Connect Core §2, RFC 8176", false},
	"azp":                   {Public, "Authorized party: the client the ID token was issued to.", "OpenID Connect Core §2", false},
	"at_hash":               {Public, "Access token hash: the left half of the hash of the access token issued with this ID token.", "OpenID Connect Core §3.1.3.6", false},
	"c_hash":                {Public, "Code hash: the left half of the hash of the authorization code issued with this ID token.", "OpenID Connect Core §3.3.2.11", false},
	"s_hash":                {Public, "State hash: the left half of the hash of the state value.", "Financial-grade API", false},
	"sid":                   {Public, "Session ID: identifies the user's session at the issuer, for logout.", "OpenID Connect Front-Channel Logout §3", false},
	"name":                  {Public, "The user's full name.", "OpenID Connect Core §5.1", false},
	"given_name":            {Public, "The user's given (first) name.", "OpenID Connect Core §5.1", false},
	"family_name":           {Public, "The user's family (last) name.", "OpenID Connect Core §5.1", false},
	"middle_name":           {Public, "The user's middle name.", "OpenID Connect Core §5.1", false},
	"nickname":              {Public, "A casual name for the user.", "OpenID Connect Core §5.1", false},
	"preferred_username":    {Public, "The name the user likes to be called by; not guaranteed unique.", "OpenID Connect Core §5.1", false},
	"profile":               {Public, "URL of the user's profile page.", "OpenID Connect Core §5.1", false},
	"picture":               {Public, "URL of the user's picture.", "OpenID Connect Core §5.1", false},
	"website":               {Public, "URL of the user's web page or blog.", "OpenID Connect Core §5.1", false},
	"email":                 {Public, "The user's email address.", "OpenID Connect Core §5.1", false},
	"email_verified":        {Public, "Whether the issuer has verified the email address.", "OpenID Connect Core §5.1", false},
	"gender":                {Public, "The user's gender.", "OpenID Connect Core §5.1", false},
	"birthdate":             {Public, "The user's birthday, as YYYY-MM-DD.", "OpenID Connect Core §5.1", false},
	"zoneinfo":              {Public, "The user's time zone, e.g. Europe/Paris.", "OpenID Connect Core §5.1", false},
	"locale":                {Public, "The user's locale, e.g. en-US.", "OpenID Connect Core §5.1", false},
	"phone_number":          {Public, "The user's telephone number.", "OpenID Connect Core §5.1", false},
	"phone_number_verified": {Public, "Whether the issuer has verified the phone number.", "OpenID Connect Core §5.1", false},
	"address":               {Public, "The user's postal address, as a JSON object.", "OpenID Connect Core §5.1", false},
	"updated_at":            {Public, "When the user's information was last updated.", "OpenID Connect Core §5.1", true},
	"scope":                 {Public, "The scopes (permissions) granted, separated by spaces.", "RFC 8693 §4.2", false},
	"scp":                   {Private, "The scopes granted (Microsoft Entra ID, Okta), as a string or an array.", "Microsoft identity platform", false},
	"client_id":             {Public, "The OAuth client the token was issued to.", "RFC 8693 §4.3", false},
	"cnf":                   {Public, "Confirmation: the key the presenter must prove they hold (proof of possession).", "RFC 7800 §3.1", false},
	"act":                   {Public, "Actor: who is acting on behalf of the subject (delegation).", "RFC 8693 §4.1", false},
	"may_act":               {Public, "Who is allowed to act on behalf of the subject.", "RFC 8693 §4.4", false},
	"roles":                 {Public, "The roles of the subject.", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"groups":                {Public, "The groups the subject belongs to.", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"entitlements":          {Public, "The entitlements of the subject.", "RFC 7643 §4.1.2, RFC 9068 §2.2.3.1", false},
	"tid":                   {Private, "Tenant ID: the Microsoft Entra ID tenant the user signed in to.", "Microsoft identity platform", false},
	"oid":                   {Private, "Object ID: the user's immutable id in Microsoft Entra ID.", "Microsoft identity platform", false},
	"upn":                   {Private, "User principal name (Microsoft).", "Microsoft identity platform", false},
	"events":                {Public, "Security events this token reports (a Security Event Token).", "RFC 8417 §2.2", false},
	"txn":                   {Public, "Transaction id, to correlate tokens.", "RFC 8417 §2.2", false},
	"toe":                   {Public, "Time of event.", "RFC 8417 §2.2", true},
}

// headers explains the JOSE header parameters of a JWS.
var headers = map[string]meaning{
	"alg":      {Registered, "Algorithm: how the token is signed. A verifier must choose the algorithms it accepts, not take this on trust.", "RFC 7515 §4.1.1", false},
	"typ":      {Registered, "Type of the whole token, usually JWT (or at+jwt for access tokens); lets a verifier tell kinds of tokens apart.", "RFC 7515 §4.1.9", false},
	"cty":      {Registered, "Content type of the payload; \"JWT\" means the payload is itself a nested JWT.", "RFC 7515 §4.1.10", false},
	"kid":      {Registered, "Key ID: a hint saying which key signed the token, used to pick it from a key set.", "RFC 7515 §4.1.4", false},
	"jku":      {Registered, "JWK Set URL: where the signer says its keys are. Never fetch it on trust: an attacker can point it at their own keys.", "RFC 7515 §4.1.2", false},
	"jwk":      {Registered, "The public key that signed the token, embedded. It proves nothing unless you already trust that key.", "RFC 7515 §4.1.3", false},
	"x5u":      {Registered, "X.509 URL: where the signer's certificate chain is. Never fetch it on trust.", "RFC 7515 §4.1.5", false},
	"x5c":      {Registered, "X.509 certificate chain of the signing key, embedded; trust it only after validating the chain.", "RFC 7515 §4.1.6", false},
	"x5t":      {Registered, "SHA-1 thumbprint of the signer's X.509 certificate.", "RFC 7515 §4.1.7", false},
	"x5t#S256": {Registered, "SHA-256 thumbprint of the signer's X.509 certificate.", "RFC 7515 §4.1.8", false},
	"crit":     {Registered, "Critical: extensions the verifier must understand, or else reject the token.", "RFC 7515 §4.1.11", false},
	"b64":      {Registered, "false means the payload is not base64url-encoded (unencoded payload option).", "RFC 7797 §3", false},
	"zip":      {Registered, "Compression of the plaintext; only meaningful in encrypted tokens (JWE).", "RFC 7516 §4.1.3", false},
}
